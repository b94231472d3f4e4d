using AudioMusic.Domain;
using AudioMusic.Storage;

namespace AudioMusic.Grains.Renditions;

/// <summary>Where a rendition is stored: beside its master, under the same job prefix (so deleting a job deletes its
/// renditions), named after the master's attempt and index. The default spec of a format uses exactly the key the
/// eager encode at completion uses, so the two are one file.</summary>
public static class RenditionKeys
{
    public static string For(string masterKey, RenditionSpec spec, int masterSampleRate)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var suffix = spec.IsDefault(masterSampleRate) ? "" : spec.KeySuffix;
        return $"{ArtifactKeys.WithoutExtension(masterKey)}{suffix}.{spec.Format.FileExtension()}";
    }
}
