namespace AudioMusic.Engines.BuiltIn.Composition;

/// <summary>Plays the genre's groove bar by bar: quieter in calm sections, a crash on the first downbeat of an
/// energetic section, a snare-and-tom fill over the last pulse of every section of four bars or more (the hats
/// keep time through it), and one cadence hit on the final bar. Kick and snare stay on the exact grid
/// (sub-millisecond jitter) so the tempo reads cleanly.</summary>
public sealed class DrumWriter
{
    private readonly Groove _groove;
    private readonly DrumFeel _feel;
    private readonly SeededRandom _random;

    public DrumWriter(Groove groove, DrumFeel feel, SeededRandom random)
    {
        _groove = groove;
        _feel = feel;
        _random = random;
    }

    private SongTiming Timing => _groove.Timing;

    public List<DrumHit> Write(FormPlan form, double energy, bool loop)
    {
        var pattern = DrumPatterns.For(_feel, Timing.Meter);
        var hits = new List<DrumHit>();
        foreach (var section in form.Sections)
        {
            var level = (float)Math.Clamp(0.5 + 0.5 * section.Energy * (0.7 + 0.5 * energy), 0.35, 1.0);
            for (var bar = section.StartBar; bar < section.EndBar; bar++)
            {
                if (!loop && bar == form.TotalBars - 1)
                {
                    Hit(hits, bar, 0, DrumSound.Kick, level);
                    Hit(hits, bar, 0, _feel == DrumFeel.Orchestral ? DrumSound.Timpani : DrumSound.Crash, level * 0.85f);
                    continue;
                }
                // Fills and crashes mark the form, so only sections long enough to be heard as phrases get them.
                var fill = !loop && bar == section.EndBar - 1 && section.Bars >= 4 && _feel is not (DrumFeel.Ambient or DrumFeel.Swing);
                var fillFrom = Timing.StepsPerBar - Timing.StepsPerPulse;
                if (!loop && bar == section.StartBar && bar > 0 && section.Energy >= 0.6 && section.Bars >= 4)
                {
                    Hit(hits, bar, 0, _feel == DrumFeel.Orchestral ? DrumSound.Timpani : DrumSound.Crash, level * 0.8f);
                }
                foreach (var (sound, lane) in pattern.Lanes.OrderBy(l => l.Key))
                {
                    for (var step = 0; step < lane.Length; step++)
                    {
                        if (fill && step >= fillFrom && sound is DrumSound.Snare or DrumSound.Rim or DrumSound.Clap)
                        {
                            continue;
                        }
                        var v = DrumPattern.Velocity(lane[step]);
                        if (v > 0)
                        {
                            Hit(hits, bar, step, sound, v * level);
                        }
                    }
                }
                if (fill)
                {
                    WriteFill(hits, bar, fillFrom, level);
                }
            }
        }
        hits.Sort((a, b) => a.Start.CompareTo(b.Start));
        return hits;
    }

    private void WriteFill(List<DrumHit> hits, int bar, int from, float level)
    {
        var orchestral = _feel == DrumFeel.Orchestral;
        var length = Timing.StepsPerBar - from;
        for (var s = 0; s < length; s++)
        {
            var sound = orchestral ? DrumSound.Timpani
                : s < length / 3 ? DrumSound.Snare
                : s < 2 * length / 3 ? DrumSound.HighTom
                : DrumSound.LowTom;
            if (s % 2 == 1 && _random.Chance(0.35))
            {
                continue;
            }
            Hit(hits, bar, from + s, sound, level * (0.55f + 0.45f * s / length));
        }
    }

    private void Hit(List<DrumHit> hits, int bar, double step, DrumSound sound, float velocity)
    {
        var sigma = sound is DrumSound.Kick or DrumSound.Snare or DrumSound.Timpani or DrumSound.Crash ? 0.0005 : 0.0025;
        var start = Math.Max(0, _groove.Time(bar, step) + Groove.Jitter(_random, sigma));
        hits.Add(new DrumHit(start, sound, Groove.Humanise(_random, velocity, 0.05)));
    }
}
