using System.Numerics;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>Adds an exponentially decaying sine to a buffer by complex rotation instead of a table look-up per
/// sample: lane k of a vector carries the sine at sample n + k, and one complex multiply by
/// decay^W·e^{2πi·W·f} moves every lane W samples on. The float rotation drifts by about 1e-7 per step, far
/// below anything audible over a note.</summary>
internal static class DampedSine
{
    /// <summary>Adds amplitude · decayPerSample^n · sin(2π(phase + n·cyclesPerSample)) to output[n].</summary>
    public static void Add(Span<float> output, double amplitude, double cyclesPerSample, double phase, double decayPerSample)
    {
        if (output.IsEmpty || amplitude == 0)
        {
            return;
        }
        var width = Vector<float>.Count;
        Span<float> real = stackalloc float[width];
        Span<float> imaginary = stackalloc float[width];
        for (var k = 0; k < width; k++)
        {
            var magnitude = amplitude * Math.Pow(decayPerSample, k);
            var angle = 2 * Math.PI * (phase + k * cyclesPerSample);
            real[k] = (float)(magnitude * Math.Cos(angle));
            imaginary[k] = (float)(magnitude * Math.Sin(angle));
        }
        var re = new Vector<float>(real);
        var im = new Vector<float>(imaginary);
        var stepMagnitude = Math.Pow(decayPerSample, width);
        var stepAngle = 2 * Math.PI * width * cyclesPerSample;
        var stepRe = new Vector<float>((float)(stepMagnitude * Math.Cos(stepAngle)));
        var stepIm = new Vector<float>((float)(stepMagnitude * Math.Sin(stepAngle)));
        var i = 0;
        for (; i <= output.Length - width; i += width)
        {
            var target = output[i..];
            (new Vector<float>(target) + im).CopyTo(target);
            var nextRe = re * stepRe - im * stepIm;
            im = re * stepIm + im * stepRe;
            re = nextRe;
        }
        for (var lane = 0; i < output.Length; i++, lane++)
        {
            output[i] += im[lane];
        }
    }
}
