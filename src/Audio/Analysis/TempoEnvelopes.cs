namespace AudioMusic.Audio.Analysis;

/// <summary>The two onset envelopes the tempo estimator reads (the log-compressed full-band flux for the period, the
/// band-balanced linear flux for the accents) without keeping a spectrogram: each run of frames is one task that
/// transforms a frame, adds it to both envelopes and moves on, holding only the frame before it. The values are those of
/// <see cref="OnsetEnvelope.Compute(double[][], int, double, double, double)"/> and
/// <see cref="OnsetEnvelope.ComputeBandBalanced(double[][], int)"/> on the whole spectrogram (the same sums in the same
/// order), without its tens of megabytes of memory traffic for half a minute of audio.</summary>
internal static class TempoEnvelopes
{
    /// <summary>Frames per task: a task starts by transforming the frame before its first, so runs must be long enough
    /// for that to cost little (1 in 128).</summary>
    private const int RunFrames = 128;

    public static (OnsetEnvelope Periodicity, OnsetEnvelope Accents) Compute(ReadOnlyMemory<float> mono, int sampleRate)
    {
        var frames = (mono.Length / OnsetEnvelope.Hop) + 1;
        var full = OnsetEnvelope.BinRange(sampleRate, 0, double.MaxValue);
        var bands = OnsetEnvelope.AccentBands.Select(b => OnsetEnvelope.BinRange(sampleRate, b.Low, b.High)).ToArray();
        var periodicity = new double[frames];
        var accents = bands.Select(_ => new double[frames]).ToArray();
        var window = Spectrum.Hann(OnsetEnvelope.FrameSize);
        var runs = (frames + RunFrames - 1) / RunFrames;
        Parallel.For(0, runs, () => new Scratch(), (run, _, scratch) =>
        {
            var first = run * RunFrames;
            scratch.Clear();
            if (first > 0)
            {
                Spectrum.SpectrogramFrame(mono.Span, first - 1, OnsetEnvelope.Hop, window, scratch.Frame, scratch.Magnitudes);
                scratch.LogFlux(full);
                scratch.Keep();
            }
            for (var f = first; f < Math.Min(frames, first + RunFrames); f++)
            {
                Spectrum.SpectrogramFrame(mono.Span, f, OnsetEnvelope.Hop, window, scratch.Frame, scratch.Magnitudes);
                periodicity[f] = scratch.LogFlux(full);
                for (var b = 0; b < bands.Length; b++)
                {
                    accents[b][f] = scratch.LinearFlux(bands[b]);
                }
                scratch.Keep();
            }
            return scratch;
        }, _ => { });
        var fps = (double)sampleRate / OnsetEnvelope.Hop;
        return (new OnsetEnvelope(periodicity, fps), new OnsetEnvelope(OnsetEnvelope.BalanceBands(accents), fps));
    }

    /// <summary>One task's buffers: the frame being transformed, its magnitudes, and the previous frame's magnitudes,
    /// linear and log-compressed.</summary>
    private sealed class Scratch
    {
        private const int Bins = (OnsetEnvelope.FrameSize / 2) + 1;

        public double[] Frame { get; } = new double[OnsetEnvelope.FrameSize];

        public double[] Magnitudes { get; private set; } = new double[Bins];

        private double[] _previous = new double[Bins];
        private double[] _compressed = new double[Bins];
        private double[] _previousCompressed = new double[Bins];

        /// <summary>Before the first frame there is silence, so a sound that starts the signal counts as an onset.</summary>
        public void Clear()
        {
            Array.Clear(_previous);
            Array.Clear(_previousCompressed);
        }

        /// <summary>Full-band rise of the log-compressed magnitudes; computes this frame's compressed values.</summary>
        public double LogFlux((int First, int Last) bins)
        {
            double flux = 0;
            for (var k = bins.First; k <= bins.Last; k++)
            {
                _compressed[k] = Math.Log(1 + (OnsetEnvelope.LogCompression * Magnitudes[k]));
                var rise = _compressed[k] - _previousCompressed[k];
                if (rise > 0)
                {
                    flux += rise;
                }
            }
            return flux;
        }

        public double LinearFlux((int First, int Last) bins)
        {
            double flux = 0;
            for (var k = bins.First; k <= bins.Last; k++)
            {
                var rise = Magnitudes[k] - _previous[k];
                if (rise > 0)
                {
                    flux += rise;
                }
            }
            return flux;
        }

        /// <summary>This frame (its magnitudes and the compressed values <see cref="LogFlux"/> computed) becomes the
        /// previous one.</summary>
        public void Keep()
        {
            (_previous, Magnitudes) = (Magnitudes, _previous);
            (_previousCompressed, _compressed) = (_compressed, _previousCompressed);
        }
    }
}
