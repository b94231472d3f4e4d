using System.Text.RegularExpressions;

namespace AudioMusic.Domain;

[GenerateSerializer]
public enum SectionKind
{
    Intro,
    Verse,
    PreChorus,
    Chorus,
    Bridge,
    Outro,
    Instrumental,
}

public static class SectionKindNames
{
    public static string ToTag(this SectionKind kind) => kind switch
    {
        SectionKind.PreChorus => "pre-chorus",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static bool TryParseTag(string name, out SectionKind kind)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "intro": kind = SectionKind.Intro; return true;
            case "verse": kind = SectionKind.Verse; return true;
            case "pre-chorus" or "prechorus" or "pre chorus": kind = SectionKind.PreChorus; return true;
            case "chorus": kind = SectionKind.Chorus; return true;
            case "bridge": kind = SectionKind.Bridge; return true;
            case "outro": kind = SectionKind.Outro; return true;
            case "instrumental" or "inst": kind = SectionKind.Instrumental; return true;
            default: kind = default; return false;
        }
    }
}

/// <summary>One tagged section of lyrics; <see cref="Number"/> is the "2" of "[verse 2]" when given.</summary>
[GenerateSerializer, Immutable]
public sealed record LyricSection(
    [property: Id(0)] SectionKind Kind,
    [property: Id(1)] int? Number,
    [property: Id(2)] IReadOnlyList<string> Lines);

/// <summary>Lyrics split into structure-tagged sections. Text before the first tag is a verse.</summary>
public sealed partial record LyricsDocument(IReadOnlyList<LyricSection> Sections)
{
    public IEnumerable<string> SungLines => Sections.Where(s => s.Kind != SectionKind.Instrumental).SelectMany(s => s.Lines);

    public bool HasSungText => SungLines.Any(l => l.Any(char.IsLetterOrDigit));

    /// <summary>Parses lyrics; on a malformed or unknown tag returns false and a message naming it and its line.</summary>
    public static bool TryParse(string? text, out LyricsDocument document, out string? error)
    {
        document = new LyricsDocument([]);
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var sections = new List<LyricSection>();
        var currentKind = SectionKind.Verse;
        int? currentNumber = null;
        var lines = new List<string>();
        var sawTag = false;
        var lineNumber = 0;
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            if (line.Contains('[') || line.Contains(']'))
            {
                var match = TagPattern().Match(line);
                if (!match.Success)
                {
                    error = $"line {lineNumber}: '{Shorten(line)}' is not a structure tag such as [verse], [chorus] or [verse 2]; tags stand alone on their line.";
                    return false;
                }
                if (!SectionKindNames.TryParseTag(match.Groups["name"].Value, out var kind))
                {
                    error = $"line {lineNumber}: unknown structure tag '[{match.Groups["name"].Value.Trim()}]'; use intro, verse, pre-chorus, chorus, bridge, outro or instrumental.";
                    return false;
                }
                if (sawTag || lines.Count > 0)
                {
                    sections.Add(new LyricSection(currentKind, currentNumber, lines.ToArray()));
                }
                sawTag = true;
                currentKind = kind;
                currentNumber = match.Groups["num"].Success ? int.Parse(match.Groups["num"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
                lines = [];
                continue;
            }
            lines.Add(line);
        }
        if (sawTag || lines.Count > 0)
        {
            sections.Add(new LyricSection(currentKind, currentNumber, lines.ToArray()));
        }
        document = new LyricsDocument(sections);
        return true;
    }

    public static LyricsDocument Parse(string? text) =>
        TryParse(text, out var doc, out var error) ? doc : throw new FormatException(error);

    /// <summary>Writes the document back in the canonical tag spelling.</summary>
    public string ToText()
    {
        var parts = Sections.Select(s =>
        {
            var tag = s.Number is { } n ? $"[{s.Kind.ToTag()} {n}]" : $"[{s.Kind.ToTag()}]";
            return s.Lines.Count == 0 ? tag : tag + "\n" + string.Join("\n", s.Lines);
        });
        return string.Join("\n\n", parts);
    }

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "…";

    [GeneratedRegex(@"^\[\s*(?<name>[A-Za-z][A-Za-z \-]*?)\s*(?<num>\d{1,2})?\s*\]$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
