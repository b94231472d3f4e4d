using System.Runtime.Intrinsics;

namespace AudioMusic.Engines.BuiltIn.Synthesis;

/// <summary>Adds an exponentially decaying sine to a buffer by complex rotation instead of a table look-up per
/// sample: lane k of a vector carries the sine at sample n + k, and one complex multiply by
/// decay^2W·e^{2πi·2W·f} moves every lane 2W samples on. The float rotation drifts by about 1e-7 per step, far
/// below anything audible over a note. The width is fixed at eight lanes (emulated where the processor has no 256-bit
/// vectors) because the rotation's rounding depends on the step: a hardware-sized vector would make the same seed
/// render different last bits on different machines of one cluster.</summary>
internal static class DampedSine
{
    /// <summary>Adds amplitude · decayPerSample^n · sin(2π(phase + n·cyclesPerSample)) to output[n].</summary>
    public static void Add(Span<float> output, double amplitude, double cyclesPerSample, double phase, double decayPerSample)
    {
        if (output.IsEmpty || amplitude == 0)
        {
            return;
        }
        // Two rotators, for the samples n… and n + W…, both stepping 2W samples: their multiplies are independent,
        // so the processor overlaps them instead of waiting for one chain.
        var width = Vector256<float>.Count;
        Span<float> real = stackalloc float[2 * width];
        Span<float> imaginary = stackalloc float[2 * width];
        for (var k = 0; k < 2 * width; k++)
        {
            var magnitude = amplitude * Math.Pow(decayPerSample, k);
            var angle = 2 * Math.PI * (phase + k * cyclesPerSample);
            real[k] = (float)(magnitude * Math.Cos(angle));
            imaginary[k] = (float)(magnitude * Math.Sin(angle));
        }
        var reA = Vector256.Create<float>(real);
        var imA = Vector256.Create<float>(imaginary);
        var reB = Vector256.Create<float>(real[width..]);
        var imB = Vector256.Create<float>(imaginary[width..]);
        var stepMagnitude = Math.Pow(decayPerSample, 2 * width);
        var stepAngle = 2 * Math.PI * 2 * width * cyclesPerSample;
        var stepRe = Vector256.Create((float)(stepMagnitude * Math.Cos(stepAngle)));
        var stepIm = Vector256.Create((float)(stepMagnitude * Math.Sin(stepAngle)));
        var i = 0;
        for (; i <= output.Length - 2 * width; i += 2 * width)
        {
            var a = output[i..];
            var b = output[(i + width)..];
            (Vector256.Create<float>(a) + imA).CopyTo(a);
            (Vector256.Create<float>(b) + imB).CopyTo(b);
            var nextReA = reA * stepRe - imA * stepIm;
            imA = reA * stepIm + imA * stepRe;
            reA = nextReA;
            var nextReB = reB * stepRe - imB * stepIm;
            imB = reB * stepIm + imB * stepRe;
            reB = nextReB;
        }
        for (var lane = 0; i < output.Length; i++, lane++)
        {
            output[i] += lane < width ? imA[lane] : imB[lane - width];
        }
    }
}
