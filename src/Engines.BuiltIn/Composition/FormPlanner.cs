using AudioMusic.Domain;

namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>Lays the song out in whole bars: sections from the lyrics' structure tags (or the genre's form), each
/// lyric line given the bars its syllables need, then stretched or shrunk so that the final cadence bar ends
/// where the requested duration leaves just its ring-out. Without a requested duration the form decides it.</summary>
public sealed class FormPlanner
{
    /// <summary>Shortest ring-out after the last bar's downbeat, so the final chord is heard as an ending.</summary>
    private const double MinRingSeconds = 1.0;

    private readonly SongTiming _timing;
    private readonly Func<string, int> _countSyllables;
    private readonly bool _rap;

    public FormPlanner(SongTiming timing, Func<string, int> countSyllables, bool rap = false)
    {
        _timing = timing;
        _countSyllables = countSyllables;
        _rap = rap;
    }

    private sealed class Draft(SectionKind kind, List<(string Text, int Syllables, int Bars)> lines, int bars)
    {
        public SectionKind Kind { get; } = kind;
        public List<(string Text, int Syllables, int Bars)> Lines { get; } = lines;
        public int Bars { get; set; } = bars;

        public int Total => Lines.Count > 0 ? Lines.Sum(l => l.Bars) : Bars;
    }

    public FormPlan Plan(LyricsDocument? lyrics, IReadOnlyList<(SectionKind Kind, int Bars)> instrumentalForm,
        double? durationSeconds, bool vocalsOnly = false)
    {
        var drafts = lyrics is { HasSungText: true }
            ? FromLyrics(lyrics, vocalsOnly)
            : instrumentalForm.Select(f => new Draft(f.Kind, [], f.Bars)).ToList();
        var bar = _timing.BarSeconds;
        int available;
        double duration;
        if (durationSeconds is { } requested)
        {
            duration = requested;
            available = AvailableBars(requested);
        }
        else
        {
            var natural = drafts.Sum(d => d.Total);
            duration = Math.Clamp(natural * bar + Ring(), RequestLimits.MinDurationSeconds, RequestLimits.MaxDurationSeconds);
            available = AvailableBars(duration);
        }
        Fit(drafts, available);
        var sections = new List<PlannedSection>();
        var start = 0;
        foreach (var d in drafts.Where(d => d.Total > 0))
        {
            var lines = new List<PlannedLine>();
            var lineStart = start;
            foreach (var line in d.Lines)
            {
                lines.Add(new PlannedLine(line.Text, lineStart, line.Bars, line.Syllables));
                lineStart += line.Bars;
            }
            sections.Add(new PlannedSection(d.Kind, start, d.Total, lines, EnergyOf(d.Kind)));
            start += d.Total;
        }
        var frames = (long)Math.Round(duration * _timing.SampleRate);
        return new FormPlan(sections, start, frames, _timing.SampleRate);
    }

    /// <summary>A loop of exactly N whole bars (N ≥ 1, nearest to the requested length), sample-accurate.</summary>
    public static FormPlan PlanLoop(SongTiming timing, double durationSeconds)
    {
        var bars = Math.Max(1, (int)Math.Round(durationSeconds / timing.BarSeconds));
        var section = new PlannedSection(SectionKind.Verse, 0, bars, [], 0.75);
        return new FormPlan([section], bars, timing.FramesOfBars(bars), timing.SampleRate);
    }

    private double Ring() => Math.Clamp(_timing.BarSeconds * 0.75, MinRingSeconds, 3.0);

    private int AvailableBars(double duration) =>
        Math.Max(1, (int)Math.Floor((duration - Math.Min(MinRingSeconds, duration * 0.1)) / _timing.BarSeconds + 1e-9));

    private List<Draft> FromLyrics(LyricsDocument lyrics, bool vocalsOnly)
    {
        var drafts = new List<Draft>();
        foreach (var section in lyrics.Sections)
        {
            var sung = section.Kind != SectionKind.Instrumental
                ? section.Lines.Where(l => l.Any(char.IsLetterOrDigit)).ToList()
                : [];
            if (sung.Count == 0)
            {
                drafts.Add(new Draft(section.Kind, [], section.Kind == SectionKind.Instrumental ? 8 : 4));
                continue;
            }
            var lines = sung.Select(text =>
            {
                var syllables = Math.Max(1, _countSyllables(text));
                return (text, syllables, BarsForLine(syllables));
            }).ToList();
            drafts.Add(new Draft(section.Kind, lines, 0));
        }
        var introBars = vocalsOnly ? 1 : _timing.BarSeconds <= 2.5 ? 4 : 2;
        if (drafts[0].Kind != SectionKind.Intro || drafts[0].Lines.Count > 0)
        {
            drafts.Insert(0, new Draft(SectionKind.Intro, [], introBars));
        }
        if (drafts[^1].Kind != SectionKind.Outro || drafts[^1].Lines.Count > 0)
        {
            drafts.Add(new Draft(SectionKind.Outro, [], vocalsOnly ? 1 : introBars));
        }
        return drafts;
    }

    /// <summary>Syllables one bar holds comfortably: eighth notes for singing, sixteenths for rap, less a breath.</summary>
    private int Capacity(int bars) => (int)(bars * _timing.StepsPerBar / (_rap ? 1.25 : 2.5));

    private int BarsForLine(int syllables)
    {
        var preferred = _rap || _timing.BarSeconds > 2.2 ? 1 : 2;
        var bars = preferred;
        while (Capacity(bars) < syllables && bars < 4)
        {
            bars++;
        }
        return bars;
    }

    private void Fit(List<Draft> drafts, int available)
    {
        var total = drafts.Sum(d => d.Total);
        if (total < available)
        {
            Expand(drafts, available - total);
        }
        else if (total > available)
        {
            Shrink(drafts, total - available);
        }
    }

    private void Expand(List<Draft> drafts, int extra)
    {
        var sungBars = drafts.Where(d => d.Lines.Count > 0).Sum(d => d.Total);
        if (sungBars > 0 && extra >= sungBars && drafts.SelectMany(d => d.Lines).All(l => l.Bars <= 2))
        {
            // Plenty of room: give every line twice the time rather than padding with instrumental bars.
            foreach (var d in drafts)
            {
                for (var i = 0; i < d.Lines.Count; i++)
                {
                    d.Lines[i] = d.Lines[i] with { Bars = d.Lines[i].Bars * 2 };
                }
            }
            extra -= sungBars;
        }
        var outroIndex = drafts.FindLastIndex(d => d.Kind == SectionKind.Outro && d.Lines.Count == 0);
        var insertAt = outroIndex >= 0 ? outroIndex : drafts.Count;
        var cycle = sungBars > 0 ? new[] { SectionKind.Instrumental } : [SectionKind.Verse, SectionKind.Chorus];
        var next = 0;
        while (extra >= 8)
        {
            drafts.Insert(insertAt++, new Draft(cycle[next++ % cycle.Length], [], 8));
            extra -= 8;
        }
        if (extra > 0)
        {
            var outro = drafts.Count > 0 && drafts[^1].Lines.Count == 0 ? drafts[^1] : null;
            if (outro is not null)
            {
                outro.Bars += extra;
            }
            else
            {
                drafts.Add(new Draft(SectionKind.Outro, [], extra));
            }
        }
    }

    private void Shrink(List<Draft> drafts, int excess)
    {
        if (drafts.All(d => d.Lines.Count == 0))
        {
            Compress(drafts, drafts.Sum(d => d.Bars) - excess);
            return;
        }
        // 1. Trim the instrumental edges down to one bar each.
        foreach (var d in drafts.Where(d => d.Lines.Count == 0 && d.Kind is SectionKind.Intro or SectionKind.Outro))
        {
            var cut = Math.Min(excess, d.Bars - 1);
            d.Bars -= cut;
            excess -= cut;
        }
        // 2. Remove instrumental breaks in the middle.
        for (var i = drafts.Count - 2; i > 0 && excess > 0; i--)
        {
            if (drafts[i].Lines.Count == 0 && drafts[i].Kind is not (SectionKind.Intro or SectionKind.Outro))
            {
                excess -= drafts[i].Bars;
                drafts.RemoveAt(i);
            }
        }
        // 3. Sing lines faster where their syllables still fit.
        for (var pass = 0; pass < 3 && excess > 0; pass++)
        {
            for (var s = drafts.Count - 1; s >= 0 && excess > 0; s--)
            {
                var lines = drafts[s].Lines;
                for (var i = lines.Count - 1; i >= 0 && excess > 0; i--)
                {
                    if (lines[i].Bars > 1 && Capacity(lines[i].Bars - 1) >= lines[i].Syllables)
                    {
                        lines[i] = lines[i] with { Bars = lines[i].Bars - 1 };
                        excess--;
                    }
                }
            }
        }
        // 4. Drop whole lines from the end (before the outro) until the song fits; dropped lines are not sung.
        for (var s = drafts.Count - 1; s >= 0 && excess > 0; s--)
        {
            var d = drafts[s];
            while (d.Lines.Count > 0 && excess > 0)
            {
                excess -= d.Lines[^1].Bars;
                d.Lines.RemoveAt(d.Lines.Count - 1);
            }
            if (d.Lines.Count == 0 && d.Bars > 0 && excess > 0)
            {
                var cut = Math.Min(excess, d.Bars);
                d.Bars -= cut;
                excess -= cut;
            }
        }
        drafts.RemoveAll(d => d.Total == 0);
        if (excess < 0)
        {
            Expand(drafts, -excess);
        }
    }

    /// <summary>Shortens an instrumental form to <paramref name="target"/> bars keeping its shape: every section
    /// scaled in proportion (at least a bar each); when there are more sections than bars, the later middle
    /// sections go first, so a short piece is still intro, verse, chorus … outro.</summary>
    private static void Compress(List<Draft> drafts, int target)
    {
        while (drafts.Count > Math.Max(1, target))
        {
            drafts.RemoveAt(drafts.Count > 2 ? drafts.Count - 2 : drafts.Count - 1);
        }
        var total = drafts.Sum(d => d.Bars);
        var scaled = drafts.Select(d => Math.Max(1, (int)Math.Floor((double)d.Bars * target / total))).ToArray();
        var index = 0;
        while (scaled.Sum() < target)
        {
            // Grow the middle sections first; intro and outro stay short.
            var i = drafts.Count > 2 ? 1 + index++ % (drafts.Count - 2) : index++ % drafts.Count;
            scaled[i]++;
        }
        while (scaled.Sum() > target)
        {
            var i = Array.IndexOf(scaled, scaled.Max());
            scaled[i]--;
        }
        for (var i = 0; i < drafts.Count; i++)
        {
            drafts[i].Bars = scaled[i];
        }
    }

    private static double EnergyOf(SectionKind kind) => kind switch
    {
        SectionKind.Intro => 0.35,
        SectionKind.Verse => 0.6,
        SectionKind.PreChorus => 0.7,
        SectionKind.Chorus => 0.9,
        SectionKind.Bridge => 0.55,
        SectionKind.Instrumental => 0.8,
        SectionKind.Outro => 0.4,
        _ => 0.6,
    };
}
