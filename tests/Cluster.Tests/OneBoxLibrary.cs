using Xunit.Abstractions;

namespace AudioMusic.Cluster.Tests;

/// <summary>A temporary one-box library folder and the hosts started on it, one after another; disposing stops them
/// and deletes the folder.</summary>
public sealed class OneBoxLibrary(string prefix) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory(prefix);
    private readonly List<OneBoxHost> _hosts = [];

    public string Path => _directory.FullName;

    public OneBoxHost Start(params string[] settings)
    {
        var host = OneBoxHost.Start(Path, settings);
        _hosts.Add(host);
        return host;
    }

    /// <summary>Every host's log, for a failed test's output.</summary>
    public void WriteLogs(ITestOutputHelper output)
    {
        foreach (var host in _hosts)
        {
            output.WriteLine($"===== {host.Process.Name} =====\n{host.Process.Log}");
        }
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
        _directory.Delete(recursive: true);
    }
}
