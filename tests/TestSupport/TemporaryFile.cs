namespace AudioMusic.TestSupport;

/// <summary>A file in the temp directory that is deleted on dispose.</summary>
public sealed class TemporaryFile : IDisposable
{
    private TemporaryFile(string path) => Path = path;

    public string Path { get; }

    public static TemporaryFile Create(string extension) =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"audiomusic-test-{Guid.NewGuid():N}.{extension.TrimStart('.')}"));

    public static TemporaryFile With(byte[] contents, string extension)
    {
        var file = Create(extension);
        File.WriteAllBytes(file.Path, contents);
        return file;
    }

    public void Dispose()
    {
        if (File.Exists(Path))
        {
            File.Delete(Path);
        }
    }
}
