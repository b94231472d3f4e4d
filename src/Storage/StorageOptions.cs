namespace AudioMusic.Storage;

/// <summary>Where the job index and the artifacts live. Bound from the configuration section "Storage"; see
/// deploy/README.md for every key.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The top-level connection string that switches a host to the cluster on PostgreSQL.</summary>
    public const string ConnectionStringName = "AudioMusic";

    /// <summary>Where the job index lives (and artifacts too, unless <see cref="Artifacts"/> says otherwise).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Memory;

    /// <summary>Npgsql connection string; required when anything is stored in PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where artifacts live; unset means the same place as the job index.</summary>
    public ArtifactStorageKind? Artifacts { get; set; }

    /// <summary>Root directory of the filesystem artifact store (a mount every API host shares).</summary>
    public string? ArtifactsPath { get; set; }
}

public enum StorageProvider
{
    Memory,
    Postgres,
}

public enum ArtifactStorageKind
{
    Memory,
    Postgres,
    FileSystem,
}
