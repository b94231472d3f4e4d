using System.Text;

namespace AudioMusic.Planner.Lyrics;

/// <summary>One way to say a line, written with slots and optional words:
/// "(oh,) I remember {T} in {E}". {T} is the topic, {I} an image of the theme, {A} a mid-line rhyme (rap) and
/// {E} the rhyming end phrase, always last. Parenthesised words may be left out, so one template yields lines of
/// several lengths and the writer can hit the syllable range of the tempo.</summary>
internal sealed class LineTemplate
{
    public const string Topic = "{T}";
    public const string Image = "{I}";
    public const string Inner = "{A}";
    public const string End = "{E}";

    public string Source { get; }
    public IReadOnlyList<TemplateExpansion> Expansions { get; }
    public bool UsesTopic { get; }

    private LineTemplate(string source, IReadOnlyList<TemplateExpansion> expansions)
    {
        Source = source;
        Expansions = expansions;
        UsesTopic = source.Contains(Topic, StringComparison.Ordinal);
    }

    public static IReadOnlyList<LineTemplate> ParseAll(IEnumerable<string> sources, LyricLanguage language) =>
        sources.Select(s => Parse(s, language)).ToArray();

    public static LineTemplate Parse(string source, LyricLanguage language)
    {
        var parts = new List<(string Text, bool Optional)>();
        var i = 0;
        while (i < source.Length)
        {
            var open = source.IndexOf('(', i);
            if (open < 0)
            {
                parts.Add((source[i..], false));
                break;
            }
            var close = source.IndexOf(')', open);
            parts.Add((source[i..open], false));
            parts.Add((source[(open + 1)..close], true));
            i = close + 1;
        }
        var optional = parts.Count(p => p.Optional);
        var expansions = new List<TemplateExpansion>();
        for (var mask = 0; mask < 1 << optional; mask++)
        {
            var sb = new StringBuilder();
            var bit = 0;
            foreach (var (text, isOptional) in parts)
            {
                if (!isOptional || (mask & (1 << bit++)) != 0)
                {
                    sb.Append(text);
                }
            }
            var line = Tidy(sb.ToString());
            var fixedText = line.Replace(Topic, " ", StringComparison.Ordinal).Replace(Image, " ", StringComparison.Ordinal)
                .Replace(Inner, " ", StringComparison.Ordinal).Replace(End, " ", StringComparison.Ordinal);
            expansions.Add(new TemplateExpansion(line, language.CountSyllables(fixedText),
                Occurrences(line, Topic), Occurrences(line, Image), Occurrences(line, Inner)));
        }
        return new LineTemplate(source, expansions);
    }

    private static int Occurrences(string text, string slot)
    {
        var count = 0;
        for (var at = text.IndexOf(slot, StringComparison.Ordinal); at >= 0; at = text.IndexOf(slot, at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>Removes the doubled spaces and dangling commas left where optional words were dropped.</summary>
    private static string Tidy(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == ' ' && (sb.Length == 0 || sb[^1] == ' '))
            {
                continue;
            }
            if (c == ',' && sb.Length > 0 && sb[^1] == ' ')
            {
                sb.Length--;
            }
            sb.Append(c);
        }
        var tidy = sb.ToString().Trim().TrimStart(',').Trim();
        return tidy;
    }
}

/// <summary>One concrete wording of a template: its text with slots, the syllables of its fixed words, and how
/// many times each slot appears (so a fill's syllables can be added without recounting the line).</summary>
internal sealed record TemplateExpansion(string Text, int FixedSyllables, int TopicSlots, int ImageSlots, int InnerSlots)
{
    public int Syllables(int topic, int image, int inner, int end) =>
        FixedSyllables + TopicSlots * topic + ImageSlots * image + InnerSlots * inner + end;

    public string Fill(string topic, string image, string inner, string end)
    {
        var text = Text.Replace(LineTemplate.Topic, topic, StringComparison.Ordinal)
            .Replace(LineTemplate.Image, image, StringComparison.Ordinal)
            .Replace(LineTemplate.Inner, inner, StringComparison.Ordinal)
            .Replace(LineTemplate.End, end, StringComparison.Ordinal);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
