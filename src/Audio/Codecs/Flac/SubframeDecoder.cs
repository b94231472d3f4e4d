namespace AudioMusic.Audio.Codecs.Flac;

/// <summary>Decodes one subframe into integer samples: constant, verbatim, fixed prediction (orders 0–4) or LPC
/// (orders 1–32), each with optional wasted bits.</summary>
internal static class SubframeDecoder
{
    public static void Decode(ref FlacBitReader reader, Span<int> samples, int bitsPerSample)
    {
        if (reader.ReadBits(1) != 0)
        {
            throw new InvalidDataException("A FLAC subframe's padding bit is set.");
        }
        var type = (int)reader.ReadBits(6);
        var wasted = reader.ReadBits(1) == 1 ? reader.ReadUnary() + 1 : 0;
        var bits = bitsPerSample - wasted;
        if (bits <= 0)
        {
            throw new InvalidDataException("A FLAC subframe wastes more bits than its samples have.");
        }
        switch (type)
        {
            case 0:
                samples.Fill(reader.ReadSigned(bits));
                break;
            case 1:
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = reader.ReadSigned(bits);
                }
                break;
            case >= 8 and <= 12:
                DecodeFixed(ref reader, samples, bits, type - 8);
                break;
            case >= 32:
                DecodeLpc(ref reader, samples, bits, type - 31);
                break;
            default:
                throw new InvalidDataException($"A FLAC subframe uses the reserved type {type}.");
        }
        if (wasted > 0)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] <<= wasted;
            }
        }
    }

    private static void DecodeFixed(ref FlacBitReader reader, Span<int> samples, int bits, int order)
    {
        ReadWarmUp(ref reader, samples, bits, order);
        ReadResidual(ref reader, samples, order);
        for (var i = order; i < samples.Length; i++)
        {
            samples[i] += order switch
            {
                0 => 0,
                1 => samples[i - 1],
                2 => (2 * samples[i - 1]) - samples[i - 2],
                3 => (3 * samples[i - 1]) - (3 * samples[i - 2]) + samples[i - 3],
                _ => (4 * samples[i - 1]) - (6 * samples[i - 2]) + (4 * samples[i - 3]) - samples[i - 4],
            };
        }
    }

    private static void DecodeLpc(ref FlacBitReader reader, Span<int> samples, int bits, int order)
    {
        if (order > samples.Length)
        {
            throw new InvalidDataException("A FLAC LPC subframe's order exceeds its block size.");
        }
        ReadWarmUp(ref reader, samples, bits, order);
        var precision = (int)reader.ReadBits(4) + 1;
        if (precision == 16)
        {
            throw new InvalidDataException("A FLAC LPC subframe uses the invalid coefficient precision.");
        }
        var shift = reader.ReadSigned(5);
        if (shift < 0)
        {
            throw new InvalidDataException("A FLAC LPC subframe has a negative shift.");
        }
        Span<int> coefficients = stackalloc int[order];
        for (var j = 0; j < order; j++)
        {
            coefficients[j] = reader.ReadSigned(precision);
        }
        ReadResidual(ref reader, samples, order);
        for (var i = order; i < samples.Length; i++)
        {
            long sum = 0;
            for (var j = 0; j < order; j++)
            {
                sum += (long)coefficients[j] * samples[i - 1 - j];
            }
            samples[i] += (int)(sum >> shift);
        }
    }

    private static void ReadWarmUp(ref FlacBitReader reader, Span<int> samples, int bits, int order)
    {
        if (order > samples.Length)
        {
            throw new InvalidDataException("A FLAC subframe's predictor order exceeds its block size.");
        }
        for (var i = 0; i < order; i++)
        {
            samples[i] = reader.ReadSigned(bits);
        }
    }

    /// <summary>Partitioned Rice residuals, written in place after the warm-up samples.</summary>
    private static void ReadResidual(ref FlacBitReader reader, Span<int> samples, int order)
    {
        var method = reader.ReadBits(2);
        if (method > 1)
        {
            throw new InvalidDataException("A FLAC residual uses a reserved coding method.");
        }
        var parameterBits = method == 0 ? 4 : 5;
        var escape = (1 << parameterBits) - 1;
        var partitionOrder = (int)reader.ReadBits(4);
        var partitions = 1 << partitionOrder;
        var perPartition = samples.Length >> partitionOrder;
        if (perPartition << partitionOrder != samples.Length || perPartition < order)
        {
            throw new InvalidDataException("A FLAC residual's partitions do not fit its block.");
        }
        var position = order;
        for (var p = 0; p < partitions; p++)
        {
            var end = (p + 1) * perPartition;
            var parameter = (int)reader.ReadBits(parameterBits);
            if (parameter == escape)
            {
                var rawBits = (int)reader.ReadBits(5);
                for (; position < end; position++)
                {
                    samples[position] = reader.ReadSigned(rawBits);
                }
            }
            else
            {
                for (; position < end; position++)
                {
                    samples[position] = reader.ReadRice(parameter);
                }
            }
        }
    }
}
