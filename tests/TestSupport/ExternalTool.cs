using System.Diagnostics;

namespace AudioMusic.TestSupport;

/// <summary>Runs a command-line tool (ffmpeg, ffprobe, flac) and captures its output. A missing tool fails with a
/// message that says what to install rather than a bare "file not found".</summary>
public static class ExternalTool
{
    public const string InstallHint = "install the Debian packages ffmpeg and flac (apt-get install -y ffmpeg flac)";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static ToolResult Run(string tool, IEnumerable<string> arguments, byte[]? standardInput = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ToolMissingException(tool);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolMissingException(tool, e);
        }
        using (process)
        {
            // Both pipes are drained concurrently: a tool that fills stderr while we wait on stdout would deadlock.
            using var stdout = new MemoryStream();
            var stdoutCopy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
            var stderrRead = process.StandardError.ReadToEndAsync();
            if (standardInput is not null)
            {
                process.StandardInput.BaseStream.Write(standardInput);
                process.StandardInput.Close();
            }
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish within {Timeout.TotalSeconds} s.");
            }
            stdoutCopy.GetAwaiter().GetResult();
            return new ToolResult(process.ExitCode, stdout.ToArray(), stderrRead.GetAwaiter().GetResult());
        }
    }

    /// <summary>Runs the tool and throws, with its error output, unless it exits with 0.</summary>
    public static ToolResult RunChecked(string tool, IEnumerable<string> arguments)
    {
        var list = arguments.ToList();
        var result = Run(tool, list);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', list)} failed with exit code {result.ExitCode}: {result.StandardError.Trim()}");
        }
        return result;
    }
}

public sealed record ToolResult(int ExitCode, byte[] StandardOutput, string StandardError);

public sealed class ToolMissingException(string tool, Exception? inner = null)
    : Exception($"'{tool}' could not be started; {ExternalTool.InstallHint}.", inner);
