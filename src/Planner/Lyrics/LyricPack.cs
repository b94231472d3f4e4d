namespace AudioMusic.Planner.Lyrics;

/// <summary>A theme's words in one language: a title to sing when the query's own topic words cannot be used
/// (an English query sung in Spanish), images for mid-line slots and rhyme-bearing end phrases.</summary>
internal sealed record ThemeWords(string Title, IReadOnlyList<string> Images, IReadOnlyList<string> EndPhrases);

/// <summary>Everything a language needs to write lyrics: line templates per section and vocabulary per theme.
/// End phrases carry their article ("the night", "la luna") so templates end on a preposition or verb and
/// never have to agree with a noun's gender or case. A rap line is an opening ending in {A} plus a closing
/// ending in {E}, both phrases from one rhyme class.</summary>
internal sealed record LyricPack(
    string Filler,
    IReadOnlyList<string> Verse,
    IReadOnlyList<string> PreChorus,
    IReadOnlyList<string> Hooks,
    IReadOnlyList<string> Chorus,
    IReadOnlyList<string> Bridge,
    IReadOnlyList<string> Outro,
    IReadOnlyList<string> RapOpenings,
    IReadOnlyList<string> RapClosings,
    ThemeWords General,
    IReadOnlyDictionary<string, ThemeWords> Themes);
