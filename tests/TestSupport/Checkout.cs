namespace AudioMusic.TestSupport;

/// <summary>The checkout the tests run from: the folder holding AudioMusic.sln, above the test assembly.</summary>
public static class Checkout
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AudioMusic.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("AudioMusic.sln not found above " + AppContext.BaseDirectory);
    }
}
