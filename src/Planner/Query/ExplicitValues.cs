using System.Globalization;
using System.Text.RegularExpressions;
using AudioMusic.Domain;

namespace AudioMusic.Planner.Query;

/// <summary>Values the query states outright. Each carries the words it came from, for the plan's notes.</summary>
internal sealed record ExplicitValues
{
    public int? Bpm { get; init; }
    public KeyScale? Key { get; init; }
    public TimeSignature? Meter { get; init; }
    public double? DurationSeconds { get; init; }
    /// <summary>"short" / "long" without a number: a duration band, not a value.</summary>
    public (double Min, double Max)? DurationBand { get; init; }
    public string? InstrumentalPhrase { get; init; }
    /// <summary>ISO 639-1 code of a language the query names ("in Spanish", "en español").</summary>
    public string? Language { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Reads explicit numbers and names from the lower-cased query: tempo ("at 128 bpm"), key ("in D minor",
/// "en la menor", "a-moll"), meter ("3/4", "waltz"), duration ("2 minutes", "90 seconds", "3:30", "two and a half
/// minutes"), instrumental requests ("no vocals") and the language to sing in ("in Spanish"). Values outside the
/// API's bounds are clamped to the nearest bound and noted.</summary>
internal static partial class ExplicitValueParser
{
    private static readonly Dictionary<string, double> NumberWords = new(StringComparer.Ordinal)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["fifteen"] = 15, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40,
        ["forty five"] = 45, ["fifty"] = 50, ["sixty"] = 60, ["ninety"] = 90, ["half a"] = 0.5,
    };

    private static readonly Dictionary<string, string> LanguageNames = new(StringComparer.Ordinal)
    {
        ["english"] = "en", ["spanish"] = "es", ["castilian"] = "es", ["french"] = "fr", ["german"] = "de", ["portuguese"] = "pt",
        ["brazilian"] = "pt", ["brazilian portuguese"] = "pt", ["italian"] = "it", ["japanese"] = "ja", ["korean"] = "ko", ["chinese"] = "zh", ["mandarin"] = "zh",
        ["cantonese"] = "zh", ["russian"] = "ru", ["hindi"] = "hi", ["arabic"] = "ar", ["dutch"] = "nl", ["swedish"] = "sv",
        ["norwegian"] = "no", ["danish"] = "da", ["finnish"] = "fi", ["polish"] = "pl", ["turkish"] = "tr", ["greek"] = "el",
        ["hebrew"] = "he", ["ukrainian"] = "uk", ["vietnamese"] = "vi", ["thai"] = "th", ["indonesian"] = "id", ["swahili"] = "sw",
        ["español"] = "es", ["espanol"] = "es", ["castellano"] = "es", ["français"] = "fr", ["francais"] = "fr", ["deutsch"] = "de",
        ["português"] = "pt", ["portugues"] = "pt", ["italiano"] = "it",
    };

    /// <summary>Each pattern runs only when a cheap substring test says it could match: most queries state
    /// nothing explicit, and the planner must stay fast.</summary>
    public static ExplicitValues Parse(string lower)
    {
        var notes = new List<string>();
        var hasDigit = lower.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        return new ExplicitValues
        {
            Bpm = hasDigit ? ParseBpm(lower, notes) : null,
            Key = MayNameKey(lower) ? ParseKey(lower) : null,
            Meter = ParseMeter(lower, notes, hasDigit),
            DurationSeconds = ParseDuration(lower, notes, hasDigit),
            DurationBand = ParseDurationBand(lower),
            InstrumentalPhrase = InstrumentalPattern().Match(lower) is { Success: true } m ? m.Value.Trim() : null,
            Language = ParseLanguage(lower),
            Notes = notes,
        };
    }

    private static bool MayNameKey(string lower) =>
        lower.Contains("maj", StringComparison.Ordinal) || lower.Contains("min", StringComparison.Ordinal)
        || lower.Contains("may", StringComparison.Ordinal) || lower.Contains("men", StringComparison.Ordinal)
        || lower.Contains("mineur", StringComparison.Ordinal) || lower.Contains("dur", StringComparison.Ordinal)
        || lower.Contains("moll", StringComparison.Ordinal) || lower.Contains("maior", StringComparison.Ordinal);

    private static int? ParseBpm(string lower, List<string> notes)
    {
        var match = BpmPattern().Match(lower);
        if (!match.Success)
        {
            return null;
        }
        var text = match.Groups["n1"].Success ? match.Groups["n1"].Value : match.Groups["n2"].Value;
        var value = double.Parse(text, CultureInfo.InvariantCulture);
        var bpm = (int)Math.Round(Math.Clamp(value, RequestLimits.MinBpm, RequestLimits.MaxBpm));
        if (bpm != value)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"tempo {text} bpm from the query is outside {RequestLimits.MinBpm}–{RequestLimits.MaxBpm}: clamped to {bpm}"));
        }
        return bpm;
    }

    private static KeyScale? ParseKey(string lower)
    {
        var letter = LetterKeyPattern().Match(lower);
        if (letter.Success)
        {
            var accidental = letter.Groups["acc"].Value.Trim() switch
            {
                "#" or "♯" or "sharp" => "#",
                "b" or "♭" or "flat" => "b",
                _ => "",
            };
            var mode = letter.Groups["mode"].Value.StartsWith("min", StringComparison.Ordinal) ? "minor" : "major";
            if (KeyScale.TryParse($"{letter.Groups["letter"].Value.ToUpperInvariant()}{accidental} {mode}", out var key))
            {
                return key;
            }
        }
        var solfege = SolfegeKeyPattern().Match(lower);
        if (solfege.Success)
        {
            var tonic = solfege.Groups["note"].Value switch
            {
                "do" or "dó" => 0, "re" or "ré" => 2, "mi" => 4, "fa" => 5, "sol" => 7, "la" => 9, _ => 11,
            };
            tonic += solfege.Groups["acc"].Value.Trim() switch
            {
                "#" or "♯" or "sostenido" or "dièse" or "sustenido" => 1,
                "b" or "♭" or "bemol" or "bémol" => -1,
                _ => 0,
            };
            var minor = solfege.Groups["mode"].Value is "menor" or "mineur" or "minore";
            return KeyScale.Of(tonic, minor ? Mode.Minor : Mode.Major);
        }
        var german = GermanKeyPattern().Match(lower);
        if (german.Success)
        {
            // German names: h = B, b = B flat; "-is" raises, "-es"/"-s" lowers (fis = F#, es = Eb, as = Ab).
            var name = german.Groups["name"].Value;
            var baseLetter = name[0];
            var tonic = baseLetter switch
            {
                'c' => 0, 'd' => 2, 'e' => 4, 'f' => 5, 'g' => 7, 'a' => 9, 'h' => 11, _ => 10,
            };
            var suffix = name[1..];
            tonic += suffix switch { "is" => 1, "es" or "s" => -1, _ => 0 };
            return KeyScale.Of(tonic, german.Groups["mode"].Value == "moll" ? Mode.Minor : Mode.Major);
        }
        return null;
    }

    private static TimeSignature? ParseMeter(string lower, List<string> notes, bool hasDigit)
    {
        var fraction = hasDigit && lower.Contains('/') ? MeterPattern().Match(lower) : Match.Empty;
        if (fraction.Success)
        {
            var text = fraction.Groups["beats"].Value + "/" + fraction.Groups["unit"].Value;
            if (TimeSignature.TryParse(text, out var meter))
            {
                return meter;
            }
            if (text is "12/8" or "9/8")
            {
                notes.Add($"meter {text} is not supported: compound 6/8 used instead");
                return TimeSignature.SixEight;
            }
            notes.Add($"meter {text} is not supported (2/4, 3/4, 4/4, 6/8): chosen from the genre instead");
            return null;
        }
        if (WaltzPattern().IsMatch(lower))
        {
            return TimeSignature.ThreeFour;
        }
        if (CompoundPattern().IsMatch(lower))
        {
            return TimeSignature.SixEight;
        }
        if (MarchPattern().IsMatch(lower))
        {
            return TimeSignature.TwoFour;
        }
        return null;
    }

    private static double? ParseDuration(string lower, List<string> notes, bool hasDigit)
    {
        double? seconds = null;
        var clock = hasDigit && lower.Contains(':') ? ClockPattern().Match(lower) : Match.Empty;
        var minutes = hasDigit ? MinutesPattern().Match(lower) : Match.Empty;
        var secondsOnly = hasDigit ? SecondsPattern().Match(lower) : Match.Empty;
        var wordMinutes = lower.Contains("minute", StringComparison.Ordinal) ? WordMinutesPattern().Match(lower) : Match.Empty;
        if (clock.Success)
        {
            seconds = int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture) * 60 + int.Parse(clock.Groups["s"].Value, CultureInfo.InvariantCulture);
        }
        else if (minutes.Success)
        {
            seconds = double.Parse(minutes.Groups["m"].Value, CultureInfo.InvariantCulture) * 60
                + (minutes.Groups["half"].Success ? 30 : 0)
                + (minutes.Groups["s"].Success ? double.Parse(minutes.Groups["s"].Value, CultureInfo.InvariantCulture) : 0);
        }
        else if (wordMinutes.Success)
        {
            var count = NumberWords[wordMinutes.Groups["n"].Value.Replace('-', ' ')];
            seconds = count * 60 + (wordMinutes.Groups["half"].Success || wordMinutes.Groups["half2"].Success ? 30 : 0);
        }
        else if (secondsOnly.Success)
        {
            seconds = double.Parse(secondsOnly.Groups["s"].Value, CultureInfo.InvariantCulture);
        }
        else if (lower.Contains("second", StringComparison.Ordinal) && WordSecondsPattern().Match(lower) is { Success: true } words)
        {
            seconds = NumberWords[words.Groups["n"].Value.Replace('-', ' ')];
        }
        if (seconds is not { } value)
        {
            return null;
        }
        var clamped = Math.Clamp(value, RequestLimits.MinDurationSeconds, RequestLimits.MaxDurationSeconds);
        if (clamped != value)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"duration {value:0.#} s from the query is outside {RequestLimits.MinDurationSeconds}–{RequestLimits.MaxDurationSeconds} s: clamped to {clamped:0.#} s"));
        }
        return clamped;
    }

    private static (double, double)? ParseDurationBand(string lower) =>
        ShortPattern().IsMatch(lower) ? (60, 90) : LongPattern().IsMatch(lower) ? (240, 330) : null;

    private static string? ParseLanguage(string lower)
    {
        var match = LanguagePattern().Match(lower);
        if (match.Success)
        {
            var name = match.Groups["a"].Success ? match.Groups["a"].Value : match.Groups["b"].Value;
            return LanguageNames.GetValueOrDefault(name);
        }
        var native = NativeLanguagePattern().Match(lower);
        return native.Success ? LanguageNames.GetValueOrDefault(native.Groups["name"].Value) : null;
    }

    [GeneratedRegex(@"(?<![\d.])(?<n1>\d{1,5}(?:\.\d+)?)\s*(?:bpm|b\.p\.m\.?|beats per minute|beats a minute)|\btempo\s*(?:of|at|=|:)?\s*(?<n2>\d{1,5})\b", RegexOptions.CultureInvariant)]
    private static partial Regex BpmPattern();

    [GeneratedRegex(@"(?:\b(?:in|key of|key|key:)\s+|(?<![\w#])(?=[a-g]\s*(?:#|♯|sharp|flat|♭|b)?\s*(?:major|minor)\b))(?<letter>[a-g])\s*(?<acc>#|♯| sharp| flat|♭|b(?=\s*(?:major|minor|maj|min)\b))?\s*(?<mode>major|minor|maj|min)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LetterKeyPattern();

    [GeneratedRegex(@"\b(?:en|in|em)\s+(?<note>do|dó|ré|re|mi|fa|sol|la|si)\s*(?<acc>#|♯|♭| sostenido| bemol| dièse| bémol| sustenido)?\s+(?<mode>mayor|menor|majeur|mineur|maior|maggiore|minore)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SolfegeKeyPattern();

    [GeneratedRegex(@"\b(?<name>cis|dis|fis|gis|ais|des|es|ges|as|b|h|c|d|e|f|g|a)[\s-](?<mode>dur|moll)\b", RegexOptions.CultureInvariant)]
    private static partial Regex GermanKeyPattern();

    [GeneratedRegex(@"(?<!\d)(?<beats>\d{1,2})\s*/\s*(?<unit>2|4|8|16)(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MeterPattern();

    [GeneratedRegex(@"\b(?:waltz|waltzes|vals|valse|walzer|in three|triple meter|triple time|three four time)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WaltzPattern();

    [GeneratedRegex(@"\b(?:jig|compound time|compound meter|six eight)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CompoundPattern();

    [GeneratedRegex(@"\b(?:march|polka|two step|two four time)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MarchPattern();

    [GeneratedRegex(@"(?<!\d)(?<m>\d{1,2}):(?<s>[0-5]\d)(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"(?<![\d.])(?<m>\d{1,4}(?:\.\d+)?)(?<half>\s+and\s+a\s+half)?\s*(?:minutes?|mins?|minutos?|minuten?|m)\b(?:\s*(?:and\s*)?(?<s>\d{1,2})\s*(?:seconds?|secs?|s)\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex MinutesPattern();

    [GeneratedRegex(@"(?<![\d.])(?<s>\d{1,5}(?:\.\d+)?)\s*(?:seconds?|secs?|sec|segundos?|secondes?|sekunden)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SecondsPattern();

    [GeneratedRegex(@"\b(?<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|half a)(?<half>\s+and\s+a\s+half)?\s+minutes?(?<half2>\s+and\s+a\s+half)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex WordMinutesPattern();

    [GeneratedRegex(@"\b(?<n>ten|fifteen|twenty|thirty|forty|forty[- ]five|fifty|sixty|ninety)\s+seconds?\b", RegexOptions.CultureInvariant)]
    private static partial Regex WordSecondsPattern();

    [GeneratedRegex(@"\b(?:short (?:song|track|piece|tune|jingle|clip|loop|intro)|brief|jingle|snippet)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShortPattern();

    [GeneratedRegex(@"\b(?:long (?:song|track|piece|tune|version|mix|jam)|extended|lengthy)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LongPattern();

    [GeneratedRegex(@"\b(?:instrumental|instrumentals|no vocals?|without (?:any )?vocals?|no singing|without singing|no lyrics|without lyrics|no voices?|without (?:a )?voice|backing track|karaoke|sin voz|sin letra|sans paroles|sans voix|ohne gesang|sem voz|sem letra)\b", RegexOptions.CultureInvariant)]
    private static partial Regex InstrumentalPattern();

    [GeneratedRegex(@"\b(?:(?:sung |sing |rapped |rap |lyrics |vocals |written )?in\s+(?<a>english|spanish|castilian|french|german|portuguese|brazilian portuguese|brazilian|italian|japanese|korean|chinese|mandarin|cantonese|russian|hindi|arabic|dutch|swedish|norwegian|danish|finnish|polish|turkish|greek|hebrew|ukrainian|vietnamese|thai|indonesian|swahili)|(?<b>english|spanish|french|german|portuguese|italian|japanese|korean|chinese|mandarin|russian|hindi|arabic|dutch|swedish|polish|turkish|greek|hebrew|ukrainian|vietnamese|thai|indonesian)(?:[- ]language)?\s+(?:lyrics|vocals|words|version|rap|song|ballad))\b", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(@"\b(?:en|auf|em|in)\s+(?<name>español|espanol|castellano|français|francais|deutsch|português|portugues|italiano)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NativeLanguagePattern();
}
