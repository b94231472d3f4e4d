using AudioMusic.TestSupport;

namespace AudioMusic.Cluster.Tests;

/// <summary>Where the silo and API host were built: next to this test assembly's configuration, under the repository
/// that holds AudioMusic.sln. The test project references both so they are built before the tests run.</summary>
public static class BuildOutputs
{
    public static string SiloDll => Output("Silo", "AudioMusic.Silo.dll");

    public static string ApiHostDll => Output("ApiHost", "AudioMusic.ApiHost.dll");

    private static string Output(string project, string assembly)
    {
        var path = Path.Combine(Checkout.Root, "src", project, "bin", Configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{assembly} is not built; build tests/Cluster.Tests first.", path);
    }

    /// <summary>The test assembly lives in bin/{Configuration}/net10.0: the silo and host must be the same build.</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
