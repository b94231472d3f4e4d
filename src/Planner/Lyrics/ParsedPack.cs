namespace AudioMusic.Planner.Lyrics;

/// <summary>A language pack's line templates, parsed once per language.</summary>
internal sealed class ParsedPack(LyricLanguage language)
{
    public IReadOnlyList<LineTemplate> Verse { get; } = LineTemplate.ParseAll(language.Pack.Verse, language);
    public IReadOnlyList<LineTemplate> PreChorus { get; } = LineTemplate.ParseAll(language.Pack.PreChorus, language);
    public IReadOnlyList<LineTemplate> Hooks { get; } = LineTemplate.ParseAll(language.Pack.Hooks, language);
    public IReadOnlyList<LineTemplate> Chorus { get; } = LineTemplate.ParseAll(language.Pack.Chorus, language);
    public IReadOnlyList<LineTemplate> Bridge { get; } = LineTemplate.ParseAll(language.Pack.Bridge, language);
    public IReadOnlyList<LineTemplate> Outro { get; } = LineTemplate.ParseAll(language.Pack.Outro, language);

    public IReadOnlyList<LineTemplate> RapOpenings { get; } = LineTemplate.ParseAll(language.Pack.RapOpenings, language);
    public IReadOnlyList<LineTemplate> RapClosings { get; } = LineTemplate.ParseAll(language.Pack.RapClosings, language);
}
