using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Planner.Knowledge;

namespace AudioMusic.Planner.Captions;

/// <summary>The decisions the caption describes.</summary>
internal sealed record CaptionFacts(
    GenreProfile Genre,
    IReadOnlyList<GenreProfile> OtherGenres,
    IReadOnlyList<string> Eras,
    IReadOnlyList<string> Moods,
    IReadOnlyList<string> Instruments,
    VocalGender? Voice,
    IReadOnlyList<string> VocalStyles,
    bool Instrumental,
    bool Rap,
    int Bpm,
    KeyScale Key,
    TimeSignature Meter,
    string? Topic);

/// <summary>Writes the caption engines read: comma-separated plain-English tags (genre, era, mood, instruments,
/// voice, tempo word) followed by one descriptive sentence.</summary>
internal static class CaptionWriter
{
    private const int MaxMoodTags = 3;
    private const int MaxInstrumentTags = 4;

    public static string Write(CaptionFacts facts)
    {
        var tags = new List<string> { facts.Genre.Tag };
        tags.AddRange(facts.OtherGenres.Where(g => g != facts.Genre).Take(2).Select(g => g.Tag));
        tags.AddRange(facts.Eras);
        tags.AddRange(facts.Moods.Take(MaxMoodTags));
        tags.AddRange(facts.Instruments.Take(MaxInstrumentTags));
        if (facts.Instrumental)
        {
            tags.Add("instrumental");
        }
        else
        {
            tags.Add(VoiceTag(facts.Voice, facts.Rap));
            tags.AddRange(facts.VocalStyles.Select(s => s + " vocals"));
        }
        // A tempo word the query already gave ("slow") is not contradicted by one computed from the bpm.
        if (!facts.Moods.Any(m => m is "slow" or "fast" or "mid-tempo"))
        {
            tags.Add(TempoWord(facts.Bpm));
        }
        var distinct = tags.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var caption = string.Join(", ", distinct) + ". " + Sentence(facts);
        return caption.Length <= RequestLimits.CaptionMaxLength ? caption : caption[..RequestLimits.CaptionMaxLength];
    }

    public static string TempoWord(int bpm) => bpm switch
    {
        < 76 => "slow",
        < 100 => "mid-tempo",
        < 128 => "upbeat",
        _ => "fast",
    };

    private static string VoiceTag(VocalGender? voice, bool rap)
    {
        var kind = rap ? "rap vocals" : "vocals";
        return voice switch
        {
            VocalGender.Female => "female " + kind,
            VocalGender.Male => "male " + kind,
            VocalGender.Duet => "male and female " + kind,
            VocalGender.Choir => "choir",
            _ => kind,
        };
    }

    private static string Sentence(CaptionFacts facts)
    {
        var mood = facts.Moods.Count > 0 ? facts.Moods[0] + " " : "";
        var what = facts.Instrumental ? "instrumental" : facts.Rap ? "rap track" : "song";
        var genre = facts.Genre.Tag;
        var article = "aeiou".Contains((mood.Length > 0 ? mood : genre)[0]) ? "An" : "A";
        var sentence = $"{article} {mood}{genre} {what}";
        if (facts.Topic is { Length: > 0 } topic)
        {
            sentence += $" about {topic}";
        }
        if (facts.Instruments.Count > 0)
        {
            sentence += facts.Instruments.Count == 1
                ? $" with {facts.Instruments[0]}"
                : $" with {string.Join(", ", facts.Instruments.Take(MaxInstrumentTags - 1).SkipLast(1))}{(facts.Instruments.Count > 2 ? "," : "")} and {facts.Instruments.Take(MaxInstrumentTags - 1).Last()}";
        }
        return sentence + string.Create(CultureInfo.InvariantCulture, $", in {facts.Key} at {facts.Bpm} bpm in {facts.Meter}.");
    }
}
