namespace AudioMusic.Storage;

/// <summary>Stores the encoded audio of jobs, readable from every API host. Keys look like "{jobId}/{attempt}-{index}.{ext}" (see <see cref="ArtifactKeys"/>).</summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there. Streams; never
    /// needs the whole artifact in memory.</summary>
    Task WriteAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken);

    /// <summary>Opens bytes [offset, offset + length) of an artifact (to its end when length is null); null if absent.</summary>
    Task<Stream?> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>Deletes every artifact of a job (keys starting with "{jobId}/").</summary>
    Task DeleteJobAsync(string jobId, CancellationToken cancellationToken);
}

public sealed record ArtifactInfo(string Key, long Length, string ContentType, DateTimeOffset CreatedAt);

public static class ArtifactKeys
{
    /// <summary>"{jobId}/{attempt}-{index}.{extension}": every attempt writes its own keys.</summary>
    public static string For(string jobId, int attempt, int index, string extension) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{jobId}/{attempt}-{index}.{extension}");

    /// <summary>A key without its extension ("{jobId}/1-0.flac" → "{jobId}/1-0"): what files derived from it are named after.</summary>
    public static string WithoutExtension(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var dot = key.LastIndexOf('.');
        return dot > key.LastIndexOf('/') ? key[..dot] : key;
    }

    /// <summary>"{jobId}/{attempt}-{index}.stem-{name}.{extension}": one stem of one variation.</summary>
    public static string ForStem(string jobId, int attempt, int index, string stem, string extension) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{jobId}/{attempt}-{index}.stem-{stem}.{extension}");
}
