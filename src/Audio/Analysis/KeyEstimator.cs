using AudioMusic.Domain;

namespace AudioMusic.Audio.Analysis;

/// <summary>Estimates the key: a chroma vector (FFT bins between 55 Hz and 2 kHz folded onto the twelve pitch
/// classes, log-compressed frame by frame) summed over the piece and correlated with Temperley's (Kostka–Payne)
/// major and minor profiles in all twelve transpositions. Those profiles weigh scale membership more than the
/// Krumhansl–Kessler ones, which matters for audio: overtones (the third harmonic is a twelfth up) lift the
/// dominant, and the Krumhansl–Kessler profiles then often answer the key a fifth up.</summary>
public static class KeyEstimator
{
    private const int FrameSize = 16384;
    private const int Hop = 8192;
    private const double LowHz = 55;
    private const double HighHz = 2000;

    private static readonly double[] MajorProfile = [0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400];
    private static readonly double[] MinorProfile = [0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330];

    public static KeyEstimate Estimate(AudioBuffer audio) => Estimate(Chroma(audio));

    public static KeyEstimate Estimate(double[] chroma)
    {
        var scores = new List<(KeyScale Key, double Correlation)>();
        for (var tonic = 0; tonic < 12; tonic++)
        {
            scores.Add((KeyScale.Of(tonic, Mode.Major), Correlate(chroma, MajorProfile, tonic)));
            scores.Add((KeyScale.Of(tonic, Mode.Minor), Correlate(chroma, MinorProfile, tonic)));
        }
        var ranked = scores.OrderByDescending(s => s.Correlation).ToArray();
        return new KeyEstimate(ranked[0].Key, ranked[0].Correlation, ranked[1].Key, ranked[1].Correlation, chroma);
    }

    /// <summary>Pitch-class energy of the whole piece, normalised to sum 1; index 0 is C.</summary>
    public static double[] Chroma(AudioBuffer audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return Chroma(Downmix.Mono(audio), audio.SampleRate);
    }

    /// <summary>As above, of a mono signal.</summary>
    public static double[] Chroma(float[] mono, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(mono);
        var window = Spectrum.Hann(FrameSize);
        var binHz = (double)sampleRate / FrameSize;
        var first = (int)Math.Ceiling(LowHz / binHz);
        var last = Math.Min(FrameSize / 2, (int)(HighHz / binHz));
        var pitchClassOfBin = new int[last + 1];
        for (var k = first; k <= last; k++)
        {
            var midi = 69 + (12 * Math.Log2(k * binHz / 440));
            pitchClassOfBin[k] = (((int)Math.Round(midi) % 12) + 12) % 12;
        }
        // Frames are analysed on every core and summed in order afterwards, so the result does not depend on how many.
        // Each thread reuses its transform buffers: fresh ones per frame would be hundreds of large-object allocations.
        var frameCount = mono.Length > FrameSize / 2 ? ((mono.Length - (FrameSize / 2) - 1) / Hop) + 1 : 0;
        var perFrame = new double[frameCount][];
        Parallel.For(0, frameCount, () => (Frame: new double[FrameSize], Magnitudes: new double[(FrameSize / 2) + 1]), (f, _, scratch) =>
        {
            Spectrum.Magnitudes(mono, f * Hop, window, scratch.Frame, scratch.Magnitudes);
            var magnitudes = scratch.Magnitudes;
            var frame = new double[12];
            for (var k = first; k <= last; k++)
            {
                frame[pitchClassOfBin[k]] += magnitudes[k] * magnitudes[k];
            }
            // Log compression per frame keeps a few loud frames from outvoting the rest of the piece.
            for (var pc = 0; pc < 12; pc++)
            {
                frame[pc] = Math.Log(1 + frame[pc]);
            }
            perFrame[f] = frame;
            return scratch;
        }, _ => { });
        var chroma = new double[12];
        foreach (var frame in perFrame)
        {
            for (var pc = 0; pc < 12; pc++)
            {
                chroma[pc] += frame[pc];
            }
        }
        var total = chroma.Sum();
        return total > 0 ? chroma.Select(c => c / total).ToArray() : chroma;
    }

    private static double Correlate(double[] chroma, double[] profile, int tonic)
    {
        var rotated = new double[12];
        for (var pc = 0; pc < 12; pc++)
        {
            rotated[(pc + tonic) % 12] = profile[pc];
        }
        double meanC = chroma.Average(), meanP = rotated.Average();
        double cov = 0, varC = 0, varP = 0;
        for (var i = 0; i < 12; i++)
        {
            cov += (chroma[i] - meanC) * (rotated[i] - meanP);
            varC += (chroma[i] - meanC) * (chroma[i] - meanC);
            varP += (rotated[i] - meanP) * (rotated[i] - meanP);
        }
        return varC == 0 ? 0 : cov / Math.Sqrt(varC * varP);
    }
}

/// <summary>The best key and the runner-up with their profile correlations, and the chroma they came from.</summary>
public sealed record KeyEstimate(KeyScale Key, double Correlation, KeyScale RunnerUp, double RunnerUpCorrelation, IReadOnlyList<double> Chroma);
