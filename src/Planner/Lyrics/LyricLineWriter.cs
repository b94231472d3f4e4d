using System.Text;
using AudioMusic.Domain;

namespace AudioMusic.Planner.Lyrics;

/// <summary>Writes the lines of one song's sections for <see cref="LyricWriter"/>: picks templates whose wording fits
/// the syllable range, rhyme classes and end phrases, and images of the theme, and remembers what it used so the song
/// does not repeat itself.</summary>
internal sealed class LyricLineWriter(LyricBrief brief, ParsedPack pack, RhymePool pool, PlanRandom random)
{
    private readonly HashSet<string> _usedTemplates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedRap = new(StringComparer.Ordinal);
    private string? _lastTemplate;
    private readonly HashSet<string> _usedClasses = new(StringComparer.Ordinal);
    private readonly int _topicSyllables = brief.Language.CountSyllables(brief.Topic);
    private readonly IReadOnlyList<string> _images = pool.Images;
    private readonly IReadOnlySet<string> _themeEnds = pool.ThemeEnds;
    private readonly Dictionary<string, int> _imageSyllables = new(StringComparer.Ordinal);
    private readonly List<(LineTemplate, TemplateExpansion)> _fits = [];
    private readonly List<LineTemplate> _candidates = [];
    private readonly List<RhymeClass> _classChoices = [];
    private static readonly int[] Passes = [0, 1, 2];
    private static readonly bool[] FreshFirst = [true, false];

    private int ImageSyllables(string image)
    {
        if (!_imageSyllables.TryGetValue(image, out var count))
        {
            _imageSyllables[image] = count = brief.Language.CountSyllables(image);
        }
        return count;
    }

    public List<string> WriteChorus(int lines)
    {
        var scheme = PairsFor(lines, RhymeScheme.Couplets);
        var result = new List<string>();
        for (var i = 0; i < lines; i++)
        {
            var templates = i == 0 ? pack.Hooks : pack.Chorus;
            result.Add(WriteLine(templates, scheme[i], requireTopic: i == 0, allowTopic: i == 0, inner: null));
        }
        return result;
    }

    public List<string> WriteSection(IReadOnlyList<LineTemplate> templates, int lines, int topicLines)
    {
        var scheme = PairsFor(lines, random.Chance(0.5) ? RhymeScheme.Couplets : RhymeScheme.Alternate);
        var topicLine = topicLines > 0 ? random.Next(lines) : -1;
        var result = new List<string>();
        for (var i = 0; i < lines; i++)
        {
            result.Add(WriteLine(templates, scheme[i], requireTopic: false, allowTopic: i == topicLine, inner: null));
        }
        return result;
    }

    /// <summary>Rap couplets: both lines end in one rhyme class and each also carries a mid-line word of that
    /// class, so every line has an internal rhyme as well as an end rhyme.</summary>
    public List<string> WriteRapVerse(int lines)
    {
        // Each verse may use every rap template once; a new verse starts afresh.
        _usedRap.Clear();
        var result = new List<string>();
        for (var i = 0; i < lines; i += 2)
        {
            var rhymeClass = NextClass();
            var phrases = ThemeFirst(rhymeClass.Phrases);
            var count = Math.Min(2, lines - i);
            for (var k = 0; k < count; k++)
            {
                var end = phrases[k % phrases.Count];
                var inner = phrases[(k + 1) % phrases.Count];
                if (phrases.Count > 2)
                {
                    inner = phrases[2 + (k % (phrases.Count - 2))];
                }
                result.Add(WriteRapLine(end, inner, allowTopic: i == 0 && k == 0));
            }
        }
        return result;
    }

    /// <summary>First among templates not yet used in the verse, then among all of them; the closest wording
    /// wins only when no pair fits the range.</summary>
    private string WriteRapLine(EndPhrase end, EndPhrase inner, bool allowTopic)
    {
        var image = PickImage(end);
        var imageSyllables = ImageSyllables(image);
        var allOpenings = pack.RapOpenings.Where(t => allowTopic || !t.UsesTopic).ToList();
        var allClosings = pack.RapClosings.Where(t => !t.UsesTopic).ToList();
        var best = (Open: allOpenings[0], OpenExp: allOpenings[0].Expansions[0], Close: allClosings[0], CloseExp: allClosings[0].Expansions[0]);
        var bestDistance = int.MaxValue;
        foreach (var freshOnly in FreshFirst)
        {
            var openings = freshOnly ? Fresh(allOpenings, "open:") : Shuffled(allOpenings);
            var closings = freshOnly ? Fresh(allClosings, "close:") : Shuffled(allClosings);
            foreach (var open in openings)
            {
                foreach (var openExp in open.Expansions)
                {
                    var first = openExp.Syllables(_topicSyllables, imageSyllables, inner.Syllables, 0);
                    var fits = _fits;
                    fits.Clear();
                    foreach (var close in closings)
                    {
                        foreach (var closeExp in close.Expansions)
                        {
                            var distance = Distance(first + closeExp.Syllables(0, imageSyllables, 0, end.Syllables));
                            if (distance == 0)
                            {
                                fits.Add((close, closeExp));
                            }
                            else if (distance < bestDistance)
                            {
                                bestDistance = distance;
                                best = (open, openExp, close, closeExp);
                            }
                        }
                    }
                    if (fits.Count > 0)
                    {
                        var (close, closeExp) = random.Pick(fits);
                        return ComposeRap(open, openExp, close, closeExp, image, inner, end);
                    }
                }
            }
        }
        return ComposeRap(best.Open, best.OpenExp, best.Close, best.CloseExp, image, inner, end);
    }

    /// <summary>Templates not used yet in this verse, in a seeded order; all of them once every one is used.</summary>
    private List<LineTemplate> Fresh(List<LineTemplate> templates, string prefix)
    {
        var fresh = templates.Where(t => !_usedRap.Contains(prefix + t.Source)).ToList();
        return Shuffled(fresh.Count > 0 ? fresh : templates);
    }

    private string ComposeRap(LineTemplate open, TemplateExpansion openExp, LineTemplate close, TemplateExpansion closeExp,
        string image, EndPhrase inner, EndPhrase end)
    {
        _usedRap.Add("open:" + open.Source);
        _usedRap.Add("close:" + close.Source);
        var first = openExp.Fill(brief.Topic, image, inner.Text, inner.Text);
        var second = closeExp.Fill(brief.Topic, image, "", end.Text);
        var imageSyllables = ImageSyllables(image);
        var syllables = openExp.Syllables(_topicSyllables, imageSyllables, inner.Syllables, 0)
            + closeExp.Syllables(_topicSyllables, imageSyllables, 0, end.Syllables);
        return Pad(first + ", " + LowerFirst(second), syllables);
    }

    /// <summary>An image whose words do not repeat the line's end phrase ("my heart … my heart").</summary>
    private string PickImage(EndPhrase end)
    {
        var endWord = end.LastWord;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var image = random.Pick(_images);
            if (!image.EndsWith(endWord, StringComparison.OrdinalIgnoreCase) && !image.Contains(endWord + " ", StringComparison.OrdinalIgnoreCase))
            {
                return image;
            }
        }
        return _images.First(i => !LyricLanguage.Words(i).Contains(endWord));
    }

    /// <summary>One line: a template wording whose syllables fit the range, filled with the given end phrase.
    /// Unused templates are preferred so lines do not repeat; when nothing fits, the closest wording is taken
    /// and padded with the language's filler ("oh,") if it is short.</summary>
    private string WriteLine(IReadOnlyList<LineTemplate> templates, EndPhrase end, bool requireTopic, bool allowTopic, string? inner)
    {
        var image = PickImage(end);
        var imageSyllables = ImageSyllables(image);
        // Candidates in order of preference: unused templates, then any but the previous line's, then any.
        var candidates = _candidates;
        foreach (var pass in Passes)
        {
            candidates.Clear();
            foreach (var t in templates)
            {
                var topicOk = (!requireTopic || t.UsesTopic) && (allowTopic || !t.UsesTopic);
                if (topicOk && (pass != 0 || !_usedTemplates.Contains(t.Source)) && (pass != 1 || t.Source != _lastTemplate))
                {
                    candidates.Add(t);
                }
            }
            if (candidates.Count > 0)
            {
                break;
            }
        }
        if (candidates.Count == 0)
        {
            // Only when a required topic slot exists nowhere: write the line without the topic.
            foreach (var t in templates)
            {
                if (!t.UsesTopic)
                {
                    candidates.Add(t);
                }
            }
        }

        var fits = _fits;
        fits.Clear();
        (LineTemplate Template, TemplateExpansion Expansion) closest = (candidates[0], candidates[0].Expansions[0]);
        var closestDistance = int.MaxValue;
        foreach (var template in candidates)
        {
            foreach (var expansion in template.Expansions)
            {
                var distance = Distance(expansion.Syllables(_topicSyllables, imageSyllables, 0, end.Syllables));
                if (distance == 0)
                {
                    fits.Add((template, expansion));
                }
                else if (distance < closestDistance)
                {
                    closestDistance = distance;
                    closest = (template, expansion);
                }
            }
        }
        var (chosen, wording) = fits.Count > 0 ? random.Pick(fits) : closest;
        _usedTemplates.Add(chosen.Source);
        _lastTemplate = chosen.Source;
        var syllables = wording.Syllables(_topicSyllables, imageSyllables, 0, end.Syllables);
        return Pad(wording.Fill(brief.Topic, image, inner ?? "", end.Text), syllables);
    }

    private int Distance(int syllables) =>
        syllables < brief.Range.Min ? brief.Range.Min - syllables : syllables > brief.Range.Max ? syllables - brief.Range.Max : 0;

    /// <summary>Prefixes fillers when a line is short of the range; <paramref name="syllables"/> is the count the
    /// template arithmetic already knows, so the line is not counted again.</summary>
    private string Pad(string line, int syllables)
    {
        var missing = brief.Range.Min - syllables;
        if (missing <= 0)
        {
            return line;
        }
        var filler = brief.Language.Pack.Filler;
        var sb = new StringBuilder();
        for (var i = 0; i < missing; i++)
        {
            sb.Append(i == 0 ? char.ToUpperInvariant(filler[0]) + filler[1..] : filler).Append(", ");
        }
        return sb + LowerFirst(line);
    }

    /// <summary>Assigns end phrases to lines: couplets (AABB) or alternate (ABAB), one rhyme class per pair.</summary>
    private EndPhrase[] PairsFor(int lines, RhymeScheme scheme)
    {
        var ends = new EndPhrase[lines];
        if (lines < 4)
        {
            scheme = RhymeScheme.Couplets;
        }
        var pairs = new List<(int A, int B)>();
        for (var start = 0; start < lines; start += 4)
        {
            var block = Math.Min(4, lines - start);
            if (block == 4 && scheme == RhymeScheme.Alternate)
            {
                pairs.Add((start, start + 2));
                pairs.Add((start + 1, start + 3));
            }
            else
            {
                for (var k = 0; k + 1 < block; k += 2)
                {
                    pairs.Add((start + k, start + k + 1));
                }
                if (block % 2 == 1)
                {
                    pairs.Add((start + block - 1, start + block - 1));
                }
            }
        }
        foreach (var (a, b) in pairs)
        {
            var (first, second) = RhymingPair(NextClass());
            ends[a] = first;
            if (a != b)
            {
                ends[b] = second;
            }
        }
        return ends;
    }

    /// <summary>A rhyme class not used yet in this song, preferring classes that hold a phrase of the theme.</summary>
    private RhymeClass NextClass()
    {
        var choices = _classChoices;
        var preferTheme = random.Chance(0.8);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            foreach (var onlyTheme in preferTheme ? FreshFirst : [false])
            {
                choices.Clear();
                foreach (var c in pool.Classes)
                {
                    if (!_usedClasses.Contains(c.Key) && (!onlyTheme || c.FitsTheme))
                    {
                        choices.Add(c);
                    }
                }
                if (choices.Count > 0)
                {
                    var chosen = random.Pick(choices);
                    _usedClasses.Add(chosen.Key);
                    return chosen;
                }
            }
            // Every class has been used once: start over.
            _usedClasses.Clear();
        }
        return pool.Classes[0];
    }

    /// <summary>Two phrases of a class with different last words, the first one of the theme's own when the
    /// class has one.</summary>
    private (EndPhrase First, EndPhrase Second) RhymingPair(RhymeClass rhymeClass)
    {
        var phrases = rhymeClass.Phrases;
        var start = random.Next(phrases.Count);
        var first = phrases[start];
        for (var k = 0; k < phrases.Count; k++)
        {
            var candidate = phrases[(start + k) % phrases.Count];
            if (_themeEnds.Contains(candidate.Text))
            {
                first = candidate;
                break;
            }
        }
        var offset = random.Next(phrases.Count);
        for (var k = 0; k < phrases.Count; k++)
        {
            var candidate = phrases[(offset + k) % phrases.Count];
            if (candidate.LastWord != first.LastWord)
            {
                return (first, candidate);
            }
        }
        throw new InvalidOperationException($"rhyme class {rhymeClass.Key} has a single word");
    }

    /// <summary>The class's phrases in a seeded order, the theme's own phrases first so each pair carries one.</summary>
    private List<EndPhrase> ThemeFirst(IReadOnlyList<EndPhrase> phrases)
    {
        var shuffled = Shuffled(phrases);
        return shuffled.Where(p => _themeEnds.Contains(p.Text)).Concat(shuffled.Where(p => !_themeEnds.Contains(p.Text))).ToList();
    }

    private List<T> Shuffled<T>(IReadOnlyList<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) && text[0] != 'I' ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
