using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AudioMusic.Grains.Transfer;

/// <summary>The export file: a zip holding <c>manifest.json</c>, each job's state in Orleans' version-tolerant binary
/// format (<c>jobs/{id}.state</c>, exactly what grain storage keeps) and the audio masters the state refers to
/// (<c>artifacts/{key}</c>). Renditions and waveforms are left out: they are made again on request.</summary>
public static class LibraryArchive
{
    public const int FormatVersion = 1;
    public const string ManifestEntry = "manifest.json";
    private const string JobsFolder = "jobs/";
    private const string ArtifactsFolder = "artifacts/";

    public static string JobEntry(string jobId) => JobsFolder + jobId + ".state";

    public static string ArtifactEntry(string key) => ArtifactsFolder + key;

    public static void WriteManifest(ZipArchive archive, ArchiveManifest manifest)
    {
        using var stream = archive.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open();
        JsonSerializer.Serialize(stream, manifest, ManifestJson.Default.ArchiveManifest);
    }

    public static ArchiveManifest ReadManifest(ZipArchive archive)
    {
        var entry = archive.GetEntry(ManifestEntry) ?? throw new InvalidDataException($"not an AudioMusic export: {ManifestEntry} is missing");
        using var stream = entry.Open();
        var manifest = JsonSerializer.Deserialize(stream, ManifestJson.Default.ArchiveManifest)
            ?? throw new InvalidDataException($"{ManifestEntry} is empty");
        return manifest.Format == FormatVersion
            ? manifest
            : throw new InvalidDataException($"export format {manifest.Format} is not the format {FormatVersion} this build reads");
    }
}

/// <summary>What the archive holds: the job ids in export order (newest first).</summary>
public sealed record ArchiveManifest(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("exported_at")] DateTimeOffset ExportedAt,
    [property: JsonPropertyName("jobs")] IReadOnlyList<string> Jobs);

[JsonSerializable(typeof(ArchiveManifest))]
internal sealed partial class ManifestJson : JsonSerializerContext;
