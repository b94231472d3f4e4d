using System.Runtime.InteropServices;

namespace AudioMusic.TestSupport;

/// <summary>The reference FLAC tools: <c>flac -t</c> verifies every frame's CRCs and the STREAMINFO MD5;
/// <c>flac -d</c> gives the exact integer samples.</summary>
public static class FlacReferenceDecoder
{
    /// <summary>Runs <c>flac -t</c>, by default with warnings counted as errors; the result carries the tool's own
    /// words when it finds a problem.</summary>
    public static FlacTestResult Test(string path, bool warningsAreErrors = true)
    {
        List<string> arguments = ["-t", "--silent"];
        if (warningsAreErrors)
        {
            arguments.Add("--warnings-as-errors");
        }
        arguments.Add(path);
        var result = ExternalTool.Run("flac", arguments);
        return new FlacTestResult(result.ExitCode == 0, result.StandardError.Trim());
    }

    public static FlacTestResult Test(byte[] flac, bool warningsAreErrors = true)
    {
        using var file = TemporaryFile.With(flac, "flac");
        return Test(file.Path, warningsAreErrors);
    }

    /// <summary>Decodes 16-bit FLAC to interleaved samples (channel-planar arrays returned).</summary>
    public static short[][] Decode16(byte[] flac, int channels)
    {
        using var file = TemporaryFile.With(flac, "flac");
        var result = ExternalTool.RunChecked("flac", ["-d", "-c", "--silent", "--force-raw-format", "--endian=little", "--sign=signed", file.Path]);
        var interleaved = MemoryMarshal.Cast<byte, short>(result.StandardOutput);
        var frames = interleaved.Length / channels;
        var planar = new short[channels][];
        for (var c = 0; c < channels; c++)
        {
            planar[c] = new short[frames];
            for (var i = 0; i < frames; i++)
            {
                planar[c][i] = interleaved[(i * channels) + c];
            }
        }
        return planar;
    }
}

public sealed record FlacTestResult(bool Passed, string Output);
