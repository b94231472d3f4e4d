namespace AudioMusic.Storage;

/// <summary>Stores the encoded audio of jobs, readable from every API host. Keys look like "{jobId}/{attempt}-{index}.{ext}" (see <see cref="ArtifactKeys"/>).</summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there. Streams; never
    /// needs the whole artifact in memory.</summary>
    Task WriteAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>Stores what <paramref name="produce"/> writes into a seekable stream under <paramref name="key"/>, replacing
    /// what was there once it returns, and gives the stored length. For encoders: a store that can hand out its own
    /// stream (a file) lets them write straight into it, with no copy of the whole artifact; this default holds the
    /// bytes in memory and stores them as <see cref="WriteAsync(string, Stream, string, CancellationToken)"/> does.</summary>
    async Task<long> WriteAsync(string key, string contentType, Func<Stream, CancellationToken, Task> produce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(produce);
        using var held = new MemoryStream();
        await produce(held, cancellationToken).ConfigureAwait(false);
        held.Position = 0;
        await WriteAsync(key, held, contentType, cancellationToken).ConfigureAwait(false);
        return held.Length;
    }

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
