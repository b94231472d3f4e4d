namespace AudioMusic.Audio.Dsp;

/// <summary>Integrated programme loudness after ITU-R BS.1770-4: K-weighting, mean square over 400 ms blocks
/// overlapping by 75 %, an absolute gate at −70 LUFS and a relative gate 10 LU below the absolutely gated level.
/// Channels are treated as front left/right/centre (weight 1); surround weights do not apply to our stereo output.</summary>
public static class LoudnessMeter
{
    public const double AbsoluteGateLufs = -70;
    public const double RelativeGateLu = -10;

    // The parameters that reproduce the standard's published 48 kHz coefficients at any sample rate.
    private const double ShelfFrequency = 1681.974450955533;
    private const double ShelfGainDb = 3.999843853973347;
    private const double ShelfQ = 0.7071752369554196;
    private const double HighPassFrequency = 38.13547087602444;
    private const double HighPassQ = 0.5003270373238773;

    /// <summary>The two K-weighting stages (shelf, then RLB high-pass) for a sample rate.</summary>
    public static (Biquad Shelf, Biquad HighPass) KWeighting(int sampleRate) =>
        (Biquad.HighShelf(sampleRate, ShelfFrequency, ShelfGainDb, ShelfQ),
         Biquad.HighPass(sampleRate, HighPassFrequency, HighPassQ));

    /// <summary>Integrated loudness in LUFS; <see cref="double.NegativeInfinity"/> when no block passes the gates
    /// (silence, or a signal shorter than one 400 ms block).</summary>
    public static double IntegratedLoudness(IReadOnlyList<float[]> channels, int sampleRate, float gain = 1f)
    {
        var segmentEnergy = SegmentEnergies(channels, sampleRate, gain, out var segmentFrames);
        return GatedLoudness(segmentEnergy, segmentFrames);
    }

    /// <summary>Sum over channels of the K-weighted squared samples of each 100 ms segment (a quarter block),
    /// so that overlapping blocks are sums of four neighbouring segments. Sequential sums keep the result
    /// reproducible bit for bit. Channels are filtered two at a time: the filters' recursions are latency-bound,
    /// and two independent ones run in the time of one.</summary>
    private static double[] SegmentEnergies(IReadOnlyList<float[]> channels, int sampleRate, float gain, out int segmentFrames)
    {
        segmentFrames = sampleRate / 10;
        var frames = channels[0].Length;
        var segments = frames / segmentFrames;
        var energy = new double[segments];
        var c = 0;
        for (; c + 1 < channels.Count; c += 2)
        {
            AddPairEnergies(channels[c], channels[c + 1], sampleRate, gain, segmentFrames, energy);
        }
        if (c < channels.Count)
        {
            AddEnergies(channels[c], sampleRate, gain, segmentFrames, energy);
        }
        return energy;
    }

    private static void AddPairEnergies(float[] a, float[] b, int sampleRate, float gain, int segmentFrames, double[] energy)
    {
        var (shelfA, highPassA) = KWeighting(sampleRate);
        var (shelfB, highPassB) = KWeighting(sampleRate);
        for (var s = 0; s < energy.Length; s++)
        {
            var sumA = 0.0;
            var sumB = 0.0;
            var start = s * segmentFrames;
            for (var i = start; i < start + segmentFrames; i++)
            {
                var ya = highPassA.Process(shelfA.Process(a[i] * gain));
                var yb = highPassB.Process(shelfB.Process(b[i] * gain));
                sumA += ya * ya;
                sumB += yb * yb;
            }
            energy[s] += sumA;
            energy[s] += sumB;
        }
    }

    private static void AddEnergies(float[] channel, int sampleRate, float gain, int segmentFrames, double[] energy)
    {
        var (shelf, highPass) = KWeighting(sampleRate);
        for (var s = 0; s < energy.Length; s++)
        {
            var sum = 0.0;
            var start = s * segmentFrames;
            for (var i = start; i < start + segmentFrames; i++)
            {
                var y = highPass.Process(shelf.Process(channel[i] * gain));
                sum += y * y;
            }
            energy[s] += sum;
        }
    }

    private static double GatedLoudness(double[] segmentEnergy, int segmentFrames)
    {
        var blockCount = segmentEnergy.Length - 3;
        if (blockCount <= 0)
        {
            return double.NegativeInfinity;
        }
        var blockFrames = 4.0 * segmentFrames;
        var blockPower = new double[blockCount];
        for (var b = 0; b < blockCount; b++)
        {
            blockPower[b] = (segmentEnergy[b] + segmentEnergy[b + 1] + segmentEnergy[b + 2] + segmentEnergy[b + 3]) / blockFrames;
        }
        var absoluteThreshold = PowerOf(AbsoluteGateLufs);
        var (sum, count) = SumAbove(blockPower, absoluteThreshold);
        if (count == 0)
        {
            return double.NegativeInfinity;
        }
        var relativeThreshold = PowerOf(LufsOf(sum / count) + RelativeGateLu);
        (sum, count) = SumAbove(blockPower, Math.Max(absoluteThreshold, relativeThreshold));
        return count == 0 ? double.NegativeInfinity : LufsOf(sum / count);
    }

    private static (double Sum, int Count) SumAbove(double[] powers, double threshold)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var p in powers)
        {
            if (p > threshold)
            {
                sum += p;
                count++;
            }
        }
        return (sum, count);
    }

    private static double LufsOf(double meanSquare) => -0.691 + 10 * Math.Log10(meanSquare);

    private static double PowerOf(double lufs) => Math.Pow(10, (lufs + 0.691) / 10);
}
