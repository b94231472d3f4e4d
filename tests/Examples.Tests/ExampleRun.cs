using System.Diagnostics;
using System.Text;
using AudioMusic.TestSupport;

namespace AudioMusic.Examples.Tests;

/// <summary>One example script run as a user runs it: <c>python3 x.py</c> or <c>node x.mjs</c> in its folder, with
/// the service's address and key in the environment.</summary>
public sealed class ExampleRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly List<string> _all = [];

    private ExampleRun(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
                return;
            }
            lock (_all) { _all.Add(e.Data); }
            _lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_errors) { _errors.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Folder(string language) => Path.Combine(Checkout.Root, "examples", language);

    /// <summary>Starts <paramref name="script"/> of examples/<paramref name="language"/> (python or node).</summary>
    public static ExampleRun Start(string language, string script, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(language == "python" ? "python3" : "node")
        {
            WorkingDirectory = Folder(language),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment.Remove("AUDIOMUSIC_API_KEY");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return new ExampleRun(Process.Start(info)!);
    }

    public string Output { get { lock (_all) { return string.Join('\n', _all); } } }

    public string Errors { get { lock (_errors) { return _errors.ToString(); } } }

    /// <summary>The next line the script prints, or null once it has exited.</summary>
    public async Task<string?> NextLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.WaitToReadAsync(cancel.Token) && _lines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no output within {timeout.TotalSeconds} s; so far:\n{Output}\n{Errors}");
        }
    }

    /// <summary>Waits for the script to exit (at most 90 s) and gives its exit code.</summary>
    public async Task<int> ExitAsync()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the example did not finish within 90 s:\n{Output}\n{Errors}");
        }
        _process.WaitForExit(); // drains the output events
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
