using AudioMusic.Planner.Knowledge;

namespace AudioMusic.Planner.Lyrics;

/// <summary>End phrases grouped by rhyme class; only classes with at least two different last words can rhyme.</summary>
internal sealed record RhymePool(IReadOnlyList<RhymeClass> Classes, IReadOnlySet<string> ThemeEnds, IReadOnlyList<string> Images)
{
    public static RhymePool Build(LyricLanguage language, ThemeWords theme)
    {
        var themePhrases = theme.EndPhrases.ToHashSet(StringComparer.Ordinal);
        var classes = theme.EndPhrases.Concat(language.Pack.General.EndPhrases)
            .Distinct(StringComparer.Ordinal)
            .GroupBy(p => language.RhymeKey(LyricLanguage.LastWord(p)), StringComparer.Ordinal)
            .Select(g => new RhymeClass(g.Key, g.Select(p => new EndPhrase(p, language.CountSyllables(p))).ToArray(), g.Any(themePhrases.Contains)))
            .Where(c => c.Phrases.Select(p => LyricLanguage.LastWord(p.Text)).Distinct(StringComparer.Ordinal).Count() >= 2)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToArray();
        if (classes.Length == 0)
        {
            throw new InvalidOperationException($"the {language.Code} pack has no rhyming end phrases");
        }
        return new RhymePool(classes, themePhrases, theme.Images.Concat(language.Pack.General.Images).ToArray());
    }
}

internal sealed record RhymeClass(string Key, IReadOnlyList<EndPhrase> Phrases, bool FitsTheme);

internal sealed record EndPhrase(string Text, int Syllables)
{
    public string LastWord { get; } = LyricLanguage.LastWord(Text);
}
