namespace AudioMusic.Engines.BuiltIn.Mixing;

/// <summary>A Schroeder–Moorer reverberator: eight parallel low-pass-feedback comb filters and four series
/// all-passes per channel, the right channel's delays slightly longer for width (the Freeverb topology,
/// delay lengths scaled from 44.1 kHz). Mono in, stereo out, added onto the mix.</summary>
internal sealed class Reverb
{
    private static readonly int[] CombTunings = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllPassTunings = [556, 441, 341, 225];
    private const int StereoSpread = 23;

    private readonly Channel _left;
    private readonly Channel _right;

    public Reverb(int sampleRate, float roomSize = 0.82f, float damping = 0.3f)
    {
        var scale = sampleRate / 44100.0;
        _left = new Channel(scale, 0, roomSize, damping);
        _right = new Channel(scale, StereoSpread, roomSize, damping);
    }

    /// <summary>Adds the reverberated <paramref name="send"/> to the outputs, block by block.</summary>
    public void Process(float[] send, float[] left, float[] right, float wet, CancellationToken cancellationToken, Action<double>? progress = null)
    {
        const int block = 8192;
        for (var start = 0; start < send.Length; start += block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(send.Length, start + block);
            _left.Process(send, left, start, end, wet);
            _right.Process(send, right, start, end, wet);
            progress?.Invoke((double)end / send.Length);
        }
    }

    private sealed class Channel
    {
        private readonly float[][] _combs;
        private readonly int[] _combIndex;
        private readonly float[] _combStore;
        private readonly float[][] _allPasses;
        private readonly int[] _allPassIndex;
        private readonly float _feedback;
        private readonly float _damping;

        public Channel(double scale, int spread, float roomSize, float damping)
        {
            _combs = CombTunings.Select(t => new float[(int)((t + spread) * scale)]).ToArray();
            _combIndex = new int[_combs.Length];
            _combStore = new float[_combs.Length];
            _allPasses = AllPassTunings.Select(t => new float[(int)((t + spread) * scale)]).ToArray();
            _allPassIndex = new int[_allPasses.Length];
            _feedback = roomSize;
            _damping = damping;
        }

        public void Process(float[] input, float[] output, int start, int end, float wet)
        {
            var gain = 0.015f;
            for (var i = start; i < end; i++)
            {
                var x = input[i] * gain;
                var sum = 0f;
                for (var c = 0; c < _combs.Length; c++)
                {
                    var buffer = _combs[c];
                    var index = _combIndex[c];
                    var y = buffer[index];
                    _combStore[c] = y * (1 - _damping) + _combStore[c] * _damping;
                    buffer[index] = x + _combStore[c] * _feedback;
                    _combIndex[c] = index + 1 == buffer.Length ? 0 : index + 1;
                    sum += y;
                }
                for (var a = 0; a < _allPasses.Length; a++)
                {
                    var buffer = _allPasses[a];
                    var index = _allPassIndex[a];
                    var delayed = buffer[index];
                    buffer[index] = sum + delayed * 0.5f;
                    sum = delayed - sum;
                    _allPassIndex[a] = index + 1 == buffer.Length ? 0 : index + 1;
                }
                output[i] += sum * wet;
            }
        }
    }
}
