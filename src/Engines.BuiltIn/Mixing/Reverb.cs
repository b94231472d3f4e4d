using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AudioMusic.Engines.BuiltIn.Mixing;

/// <summary>A Schroeder–Moorer reverberator: eight parallel low-pass-feedback comb filters and four series
/// all-passes per channel, the right channel's delays slightly longer for width (the Freeverb topology,
/// delay lengths scaled from 44.1 kHz). Mono in, stereo out, added onto the mix.</summary>
/// <remarks>Each filter depends only on its own state and its input, so a block is run filter by filter (combs
/// two at a time, eight samples at a time) instead of sample by sample through all of them.</remarks>
internal sealed class Reverb
{
    private static readonly int[] CombTunings = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllPassTunings = [556, 441, 341, 225];
    private const int StereoSpread = 23;
    private const float InputGain = 0.015f;
    private const int Block = 8192;
    private const int Width = 8;

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
            MultiplyAdd(send.AsSpan(start, count), InputGain, input, input, accumulate: false);
            var output = _wet.AsSpan(0, count);
            _left.Process(input, output);
            var target = left.AsSpan(start, count);
            MultiplyAdd(output, wet, target, target, accumulate: true);
            _right.Process(input, output);
            target = right.AsSpan(start, count);
            MultiplyAdd(output, wet, target, target, accumulate: true);
            progress?.Invoke((double)(start + count) / send.Length);
        }
    }

    /// <summary>result = source · gain (+ addend when <paramref name="accumulate"/>), eight samples at a time (each
    /// sample's operations are the scalar ones, unfused, so the result does not depend on the vector width).</summary>
    private static void MultiplyAdd(ReadOnlySpan<float> source, float gain, ReadOnlySpan<float> addend, Span<float> result, bool accumulate)
    {
        var i = 0;
        for (; i <= source.Length - Width; i += Width)
        {
            var scaled = Vector256.Create(source[i..]) * gain;
            (accumulate ? Vector256.Create(addend[i..]) + scaled : scaled).CopyTo(result[i..]);
        }
        for (; i < source.Length; i++)
        {
            result[i] = accumulate ? addend[i] + source[i] * gain : source[i] * gain;
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

        // The damping's powers for the eight-lane scan: d in lanes 1-7, d² in lanes 2-7, d⁴ in lanes 4-7 (zero
        // where a shifted lane would come from before the vector), and d¹…d⁸ for the carry from the last vector.
        private readonly Vector256<float> _scan1;
        private readonly Vector256<float> _scan2;
        private readonly Vector256<float> _scan4;
        private readonly Vector256<float> _carry;

        public Channel(double scale, int spread, float roomSize, float damping)
        {
            _combs = CombTunings.Select(t => new DelayLine((int)((t + spread) * scale))).ToArray();
            _allPasses = AllPassTunings.Select(t => new DelayLine((int)((t + spread) * scale))).ToArray();
            _feedback = roomSize;
            _damping = damping;
            var d2 = damping * damping;
            var d4 = d2 * d2;
            _scan1 = Vector256.Create(0f, damping, damping, damping, damping, damping, damping, damping);
            _scan2 = Vector256.Create(0f, 0f, d2, d2, d2, d2, d2, d2);
            _scan4 = Vector256.Create(0f, 0f, 0f, 0f, d4, d4, d4, d4);
            var powers = new float[Width];
            var power = 1f;
            for (var k = 0; k < Width; k++)
            {
                power *= damping;
                powers[k] = power;
            }
            _carry = Vector256.Create<float>(powers);
        }

        /// <summary>Writes the reverberated <paramref name="input"/> (already scaled) to <paramref name="output"/>.</summary>
        public void Process(ReadOnlySpan<float> input, Span<float> output)
        {
            output.Clear();
            for (var c = 0; c < _combs.Length; c += 2)
            {
                Combs(_combs[c], _combs[c + 1], input, output);
            }
            foreach (var allPass in _allPasses)
            {
                AllPass(allPass, output);
            }
        }

        /// <summary>Two low-pass-feedback combs over the block, their outputs added to <paramref name="sum"/>.</summary>
        /// <remarks>Within a run no sample written to a line is read again (that happens a whole line length
        /// later), so a run's delayed samples y are all known before it starts, and the only recursion is the
        /// damping's one-pole low-pass s[n] = d·s[n−1] + (1−d)·y[n]. Eight samples of it are a prefix scan: three
        /// shifted multiply-adds give each lane its sum over the lanes before it, and the last lane's value carries
        /// into the next eight. Two combs at a time, so that their carries overlap in the processor.</remarks>
        private void Combs(DelayLine a, DelayLine b, ReadOnlySpan<float> input, Span<float> sum)
        {
            var done = 0;
            while (done < input.Length)
            {
                // A run over which neither line wraps, so the inner loop needs no index arithmetic.
                var n = Math.Min(input.Length - done, Math.Min(a.Room, b.Room));
                var (sa, sb) = (a.Store, b.Store);
                CombRun(a.Next(n), b.Next(n), input.Slice(done, n), sum.Slice(done, n), ref sa, ref sb);
                (a.Store, b.Store) = (sa, sb);
                a.Advance(n);
                b.Advance(n);
                done += n;
            }
        }

        private void CombRun(Span<float> lineA, Span<float> lineB, ReadOnlySpan<float> input, Span<float> sum, ref float storeA, ref float storeB)
        {
            var keep = 1 - _damping;
            var feedback = _feedback;
            var n = input.Length;
            // Every span is n long, so the loops read through references without a bounds check per access.
            ref var la = ref MemoryMarshal.GetReference(lineA);
            ref var lb = ref MemoryMarshal.GetReference(lineB);
            ref var x = ref MemoryMarshal.GetReference(input);
            ref var total = ref MemoryMarshal.GetReference(sum);
            var i = 0;
            if (n >= Width)
            {
                var (keepVector, feedbackVector) = (Vector256.Create(keep), Vector256.Create(feedback));
                var (shift1, shift2, shift4) = (Vector256.Create(0, 0, 1, 2, 3, 4, 5, 6), Vector256.Create(0, 0, 0, 1, 2, 3, 4, 5), Vector256.Create(0, 0, 0, 0, 0, 1, 2, 3));
                var last = Vector256.Create(Width - 1);
                var carryA = Vector256.Create(storeA);
                var carryB = Vector256.Create(storeB);
                for (; i <= n - Width; i += Width)
                {
                    var xi = Vector256.LoadUnsafe(ref x, (nuint)i);
                    var ya = Vector256.LoadUnsafe(ref la, (nuint)i);
                    var yb = Vector256.LoadUnsafe(ref lb, (nuint)i);
                    var va = ya * keepVector;
                    var vb = yb * keepVector;
                    va = Vector256.FusedMultiplyAdd(Vector256.Shuffle(va, shift1), _scan1, va);
                    vb = Vector256.FusedMultiplyAdd(Vector256.Shuffle(vb, shift1), _scan1, vb);
                    va = Vector256.FusedMultiplyAdd(Vector256.Shuffle(va, shift2), _scan2, va);
                    vb = Vector256.FusedMultiplyAdd(Vector256.Shuffle(vb, shift2), _scan2, vb);
                    va = Vector256.FusedMultiplyAdd(Vector256.Shuffle(va, shift4), _scan4, va);
                    vb = Vector256.FusedMultiplyAdd(Vector256.Shuffle(vb, shift4), _scan4, vb);
                    var stateA = Vector256.FusedMultiplyAdd(carryA, _carry, va);
                    var stateB = Vector256.FusedMultiplyAdd(carryB, _carry, vb);
                    carryA = Vector256.Shuffle(stateA, last);
                    carryB = Vector256.Shuffle(stateB, last);
                    Vector256.FusedMultiplyAdd(stateA, feedbackVector, xi).StoreUnsafe(ref la, (nuint)i);
                    Vector256.FusedMultiplyAdd(stateB, feedbackVector, xi).StoreUnsafe(ref lb, (nuint)i);
                    (Vector256.LoadUnsafe(ref total, (nuint)i) + (ya + yb)).StoreUnsafe(ref total, (nuint)i);
                }
                storeA = carryA.ToScalar();
                storeB = carryB.ToScalar();
            }
            for (; i < n; i++)
            {
                var xi = Unsafe.Add(ref x, i);
                ref var pa = ref Unsafe.Add(ref la, i);
                ref var pb = ref Unsafe.Add(ref lb, i);
                float ya = pa, yb = pb;
                storeA = MathF.FusedMultiplyAdd(storeA, _damping, ya * keep);
                storeB = MathF.FusedMultiplyAdd(storeB, _damping, yb * keep);
                pa = MathF.FusedMultiplyAdd(storeA, feedback, xi);
                pb = MathF.FusedMultiplyAdd(storeB, feedback, xi);
                Unsafe.Add(ref total, i) += ya + yb;
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
