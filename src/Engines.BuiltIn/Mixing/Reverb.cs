using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioMusic.Engines.BuiltIn.Mixing;

/// <summary>A Schroeder–Moorer reverberator: eight parallel low-pass-feedback comb filters and four series
/// all-passes per channel, the right channel's delays slightly longer for width (the Freeverb topology,
/// delay lengths scaled from 44.1 kHz). Mono in, stereo out, added onto the mix.</summary>
/// <remarks>Each filter depends only on its own state and its input, so a block is run filter by filter (combs
/// four at a time, whose independent feedback loops then overlap in the CPU) instead of sample by sample
/// through all of them. The combs' multiply-adds are fused: fewer instructions and a shorter feedback chain.</remarks>
internal sealed class Reverb
{
    private static readonly int[] CombTunings = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllPassTunings = [556, 441, 341, 225];
    private const int StereoSpread = 23;
    private const float InputGain = 0.015f;
    private const int Block = 8192;

    private readonly Channel _left;
    private readonly Channel _right;
    private readonly float[] _input = new float[Block];
    private readonly float[] _wet = new float[Block];

    public Reverb(int sampleRate, float roomSize = 0.82f, float damping = 0.3f)
    {
        var scale = sampleRate / 44100.0;
        _left = new Channel(scale, 0, roomSize, damping);
        _right = new Channel(scale, StereoSpread, roomSize, damping);
    }

    /// <summary>Adds the reverberated <paramref name="send"/> to the outputs, block by block.</summary>
    public void Process(float[] send, float[] left, float[] right, float wet, CancellationToken cancellationToken, Action<double>? progress = null)
    {
        for (var start = 0; start < send.Length; start += Block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(Block, send.Length - start);
            var input = _input.AsSpan(0, count);
            var source = send.AsSpan(start, count);
            for (var i = 0; i < count; i++)
            {
                input[i] = source[i] * InputGain;
            }
            var output = _wet.AsSpan(0, count);
            _left.Process(input, output);
            AddScaled(output, left.AsSpan(start, count), wet);
            _right.Process(input, output);
            AddScaled(output, right.AsSpan(start, count), wet);
            progress?.Invoke((double)(start + count) / send.Length);
        }
    }

    private static void AddScaled(ReadOnlySpan<float> source, Span<float> target, float gain)
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] += source[i] * gain;
        }
    }

    /// <summary>A delay line with its read/write position.</summary>
    private sealed class DelayLine(int length)
    {
        public float[] Buffer { get; } = new float[length];

        public int Index { get; set; }

        public float Store { get; set; }

        /// <summary>Samples until the position wraps.</summary>
        public int Room => Buffer.Length - Index;

        public Span<float> Next(int count) => Buffer.AsSpan(Index, count);

        public void Advance(int count) => Index = Index + count == Buffer.Length ? 0 : Index + count;
    }

    private sealed class Channel
    {
        private readonly DelayLine[] _combs;
        private readonly DelayLine[] _allPasses;
        private readonly float _feedback;
        private readonly float _damping;

        public Channel(double scale, int spread, float roomSize, float damping)
        {
            _combs = CombTunings.Select(t => new DelayLine((int)((t + spread) * scale))).ToArray();
            _allPasses = AllPassTunings.Select(t => new DelayLine((int)((t + spread) * scale))).ToArray();
            _feedback = roomSize;
            _damping = damping;
        }

        /// <summary>Writes the reverberated <paramref name="input"/> (already scaled) to <paramref name="output"/>.</summary>
        public void Process(ReadOnlySpan<float> input, Span<float> output)
        {
            output.Clear();
            for (var c = 0; c < _combs.Length; c += 4)
            {
                Combs(_combs[c], _combs[c + 1], _combs[c + 2], _combs[c + 3], input, output);
            }
            foreach (var allPass in _allPasses)
            {
                AllPass(allPass, output);
            }
        }

        /// <summary>Four low-pass-feedback combs over the block, each output added to <paramref name="sum"/> in turn.</summary>
        private void Combs(DelayLine a, DelayLine b, DelayLine c, DelayLine d, ReadOnlySpan<float> input, Span<float> sum)
        {
            var keep = 1 - _damping;
            var damping = _damping;
            var feedback = _feedback;
            var done = 0;
            while (done < input.Length)
            {
                // A run over which no line wraps, so the inner loop needs no index arithmetic.
                var n = Math.Min(input.Length - done, Math.Min(Math.Min(a.Room, b.Room), Math.Min(c.Room, d.Room)));
                // Every span below is n long (n ≤ each line's room), so the loop reads through references
                // without a bounds check per access.
                ref var ba = ref MemoryMarshal.GetReference(a.Next(n));
                ref var bb = ref MemoryMarshal.GetReference(b.Next(n));
                ref var bc = ref MemoryMarshal.GetReference(c.Next(n));
                ref var bd = ref MemoryMarshal.GetReference(d.Next(n));
                ref var x = ref MemoryMarshal.GetReference(input.Slice(done, n));
                ref var s = ref MemoryMarshal.GetReference(sum.Slice(done, n));
                float sa = a.Store, sb = b.Store, sc = c.Store, sd = d.Store;
                for (nint i = 0; i < n; i++)
                {
                    var xi = Unsafe.Add(ref x, i);
                    ref var pa = ref Unsafe.Add(ref ba, i);
                    ref var pb = ref Unsafe.Add(ref bb, i);
                    ref var pc = ref Unsafe.Add(ref bc, i);
                    ref var pd = ref Unsafe.Add(ref bd, i);
                    float ya = pa, yb = pb, yc = pc, yd = pd;
                    sa = MathF.FusedMultiplyAdd(sa, damping, ya * keep);
                    sb = MathF.FusedMultiplyAdd(sb, damping, yb * keep);
                    sc = MathF.FusedMultiplyAdd(sc, damping, yc * keep);
                    sd = MathF.FusedMultiplyAdd(sd, damping, yd * keep);
                    pa = MathF.FusedMultiplyAdd(sa, feedback, xi);
                    pb = MathF.FusedMultiplyAdd(sb, feedback, xi);
                    pc = MathF.FusedMultiplyAdd(sc, feedback, xi);
                    pd = MathF.FusedMultiplyAdd(sd, feedback, xi);
                    ref var total = ref Unsafe.Add(ref s, i);
                    var t = total;
                    t += ya;
                    t += yb;
                    t += yc;
                    t += yd;
                    total = t;
                }
                (a.Store, b.Store, c.Store, d.Store) = (sa, sb, sc, sd);
                a.Advance(n);
                b.Advance(n);
                c.Advance(n);
                d.Advance(n);
                done += n;
            }
        }

        /// <summary>A Schroeder all-pass (gain 0.5) over the block, in place. Within a run no sample written is
        /// read again (that happens a whole line length later), so eight samples go at a time; the operations per
        /// sample are the scalar ones, so the result does not depend on the vector width.</summary>
        private static void AllPass(DelayLine line, Span<float> signal)
        {
            var half = Vector256.Create(0.5f);
            var done = 0;
            while (done < signal.Length)
            {
                var n = Math.Min(signal.Length - done, line.Room);
                var buffer = line.Next(n);
                var s = signal.Slice(done, n);
                var i = 0;
                for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    var delayed = Vector256.Create<float>(buffer[i..]);
                    var x = Vector256.Create<float>(s[i..]);
                    (x + delayed * half).CopyTo(buffer[i..]);
                    (delayed - x).CopyTo(s[i..]);
                }
                for (; i < n; i++)
                {
                    var delayed = buffer[i];
                    buffer[i] = s[i] + delayed * 0.5f;
                    s[i] = delayed - s[i];
                }
                line.Advance(n);
                done += n;
            }
        }
    }
}
