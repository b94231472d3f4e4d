namespace AudioMusic.Engines.BuiltIn.Vocals.Synthesis;

/// <summary>
/// One period of the radiated glottal flow (the time derivative of a Rosenberg pulse), stored as band-limited
/// wavetables: each level keeps only the first K harmonics, and the renderer picks the richest level whose highest
/// harmonic stays below Nyquist for the current pitch. That removes the aliasing a naive pulse would produce at high
/// notes, at the cost of one interpolated table read per sample.
/// </summary>
internal sealed class GlottalPulseTables
{
    public const int TableSize = 4096;
    private const int AnalysisHarmonics = 512;

    /// <summary>Tense phonation: short open phase, strong high harmonics (the male voice).</summary>
    public static readonly GlottalPulseTables Tense = new(openingShare: 0.40, closingShare: 0.14);

    /// <summary>Lax phonation: long open phase and a softer closure (female and choir voices).</summary>
    public static readonly GlottalPulseTables Lax = new(openingShare: 0.48, closingShare: 0.22);

    private readonly int[] _harmonicCounts;
    private readonly float[][] _levels;

    /// <summary>Fraction of the period during which the glottis is open; breath noise is louder then.</summary>
    public double OpenQuotient { get; }

    private GlottalPulseTables(double openingShare, double closingShare)
    {
        OpenQuotient = openingShare + closingShare;
        var (cosines, sines) = AnalyseDerivativeOfRosenbergPulse(openingShare, closingShare);
        var counts = new List<int>();
        for (var k = 1.0; k <= AnalysisHarmonics; k *= Math.Sqrt(2))
        {
            var count = (int)Math.Round(k);
            if (counts.Count == 0 || counts[^1] != count)
            {
                counts.Add(count);
            }
        }
        _harmonicCounts = [.. counts];
        var levels = counts.Select(count => Synthesize(cosines, sines, count)).ToArray();
        // One scale for every level, so that switching levels removes top harmonics without changing loudness.
        var scale = 1 / levels[^1].Max(Math.Abs);
        _levels = [.. levels.Select(level => level.Select(v => (float)(v * scale)).ToArray())];
    }

    /// <summary>The table with the most harmonics that all lie below 45 % of the sample rate at this pitch.</summary>
    public float[] ForPitch(double f0, int sampleRate)
    {
        var allowed = 0.45 * sampleRate / Math.Max(f0, 1);
        var level = 0;
        while (level + 1 < _harmonicCounts.Length && _harmonicCounts[level + 1] <= allowed)
        {
            level++;
        }
        return _levels[level];
    }

    private static (double[] Cosines, double[] Sines) AnalyseDerivativeOfRosenbergPulse(double opening, double closing)
    {
        // Sample the flow finely, differentiate it (lip radiation), then take its Fourier series.
        const int n = 8192;
        var flow = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            var phase = (double)(i % n) / n;
            flow[i] = phase < opening
                ? 0.5 * (1 - Math.Cos(Math.PI * phase / opening))
                : phase < opening + closing
                    ? Math.Cos(0.5 * Math.PI * (phase - opening) / closing)
                    : 0;
        }
        var derivative = new double[n];
        for (var i = 0; i < n; i++)
        {
            derivative[i] = flow[i + 1] - flow[i];
        }
        var (cosTable, sinTable) = UnitCircle(n);
        var cosines = new double[AnalysisHarmonics + 1];
        var sines = new double[AnalysisHarmonics + 1];
        for (var k = 1; k <= AnalysisHarmonics; k++)
        {
            double c = 0, s = 0;
            for (var i = 0; i < n; i++)
            {
                var index = (int)((long)k * i % n);
                c += derivative[i] * cosTable[index];
                s += derivative[i] * sinTable[index];
            }
            cosines[k] = c;
            sines[k] = s;
        }
        return (cosines, sines);
    }

    private static (double[] Cos, double[] Sin) UnitCircle(int size)
    {
        var cos = new double[size];
        var sin = new double[size];
        for (var i = 0; i < size; i++)
        {
            cos[i] = Math.Cos(2 * Math.PI * i / size);
            sin[i] = Math.Sin(2 * Math.PI * i / size);
        }
        return (cos, sin);
    }

    private static double[] Synthesize(double[] cosines, double[] sines, int harmonics)
    {
        // One guard sample at the end lets the renderer interpolate without wrapping the index.
        var table = new double[TableSize + 1];
        var (cosTable, sinTable) = UnitCircle(TableSize);
        for (var i = 0; i < TableSize; i++)
        {
            double sum = 0;
            for (var k = 1; k <= harmonics; k++)
            {
                var index = (int)((long)k * i % TableSize);
                sum += cosines[k] * cosTable[index] + sines[k] * sinTable[index];
            }
            table[i] = sum;
        }
        table[TableSize] = table[0];
        return table;
    }
}
