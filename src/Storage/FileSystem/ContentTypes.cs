namespace AudioMusic.Storage.FileSystem;

/// <summary>Content types of the formats the service writes, for artifacts whose sidecar is missing (copied in by hand
/// or restored from a backup that skipped the sidecars).</summary>
internal static class ContentTypes
{
    public static string FromExtension(string extension) => extension.ToLowerInvariant() switch
    {
        ".wav" => "audio/wav",
        ".flac" => "audio/flac",
        ".mp3" => "audio/mpeg",
        ".ogg" or ".opus" => "audio/ogg",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
