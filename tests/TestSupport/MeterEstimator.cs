using AudioMusic.Audio.Analysis;
using AudioMusic.Audio;

namespace AudioMusic.TestSupport;

/// <summary>Finds how many beats make a bar, given the tempo: the accent of every beat (its onset strength, with
/// the low band weighted in because kick and bass mark downbeats) is collected, and the grouping — 2, 3 or 4 —
/// whose positions differ most in accent (one strong position against the rest) wins.</summary>
public static class MeterEstimator
{
    public static MeterEstimate Estimate(AudioBuffer audio, double bpm)
    {
        var mono = Signal.Mono(audio);
        // Linear flux: accents are differences in loudness, which log compression would flatten.
        var full = OnsetEnvelope.Compute(mono, audio.SampleRate, compression: 0).Detrended();
        var low = OnsetEnvelope.Compute(mono, audio.SampleRate, 0, 250, compression: 0).Detrended();
        var fps = (double)audio.SampleRate / OnsetEnvelope.Hop;
        var period = fps * 60 / bpm;
        var phase = TempoEstimator.BestPhase(full, period);

        var accents = BeatAccents(full, low, phase, period);
        var scores = new Dictionary<int, double>();
        foreach (var beatsPerBar in new[] { 2, 3, 4 })
        {
            scores[beatsPerBar] = GroupingContrast(accents, beatsPerBar);
        }
        // 4/4 also shows a 2-beat contrast (beat 3 is weaker than 1 but stronger than 2 and 4); prefer 4 unless the
        // 2-grouping is clearly the better explanation.
        var best = scores[3] > scores[4] && scores[3] > scores[2] ? 3 : scores[2] > scores[4] * 1.15 ? 2 : 4;
        return new MeterEstimate(best, scores);
    }

    /// <summary>Per-beat accent: the strongest onset within a sixth of a beat of each beat position, full band plus
    /// low band (each normalised by its mean so neither dominates by scale).</summary>
    private static double[] BeatAccents(double[] full, double[] low, double phase, double period)
    {
        var count = (int)((full.Length - 1 - phase) / period);
        var fullMean = Math.Max(1e-12, full.Average());
        var lowMean = Math.Max(1e-12, low.Average());
        var accents = new double[Math.Max(0, count)];
        var reach = Math.Max(1, (int)(period / 6));
        for (var b = 0; b < accents.Length; b++)
        {
            var centre = (int)Math.Round(phase + (b * period));
            double f = 0, l = 0;
            for (var i = Math.Max(0, centre - reach); i <= Math.Min(full.Length - 1, centre + reach); i++)
            {
                f = Math.Max(f, full[i]);
                l = Math.Max(l, low[i]);
            }
            accents[b] = (f / fullMean) + (l / lowMean);
        }
        return accents;
    }

    /// <summary>For the best downbeat position within a group of <paramref name="beatsPerBar"/>: its mean accent
    /// minus the mean of the other positions, relative to the overall mean.</summary>
    private static double GroupingContrast(double[] accents, int beatsPerBar)
    {
        if (accents.Length < beatsPerBar * 2)
        {
            return 0;
        }
        var sums = new double[beatsPerBar];
        var counts = new int[beatsPerBar];
        for (var b = 0; b < accents.Length; b++)
        {
            sums[b % beatsPerBar] += accents[b];
            counts[b % beatsPerBar]++;
        }
        var means = sums.Select((s, i) => s / counts[i]).ToArray();
        var overall = accents.Average();
        var best = double.NegativeInfinity;
        for (var downbeat = 0; downbeat < beatsPerBar; downbeat++)
        {
            var others = means.Where((_, i) => i != downbeat).Average();
            best = Math.Max(best, (means[downbeat] - others) / Math.Max(1e-12, overall));
        }
        return best;
    }
}

/// <summary>The beats per bar chosen and the contrast score of each grouping tried.</summary>
public sealed record MeterEstimate(int BeatsPerBar, IReadOnlyDictionary<int, double> Scores);
