namespace AudioMusic.Storage;

/// <summary>Where the job index and the artifacts live. Bound from the configuration section "Storage"; see
/// deploy/README.md for every key.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The top-level connection string that switches a host to the cluster on PostgreSQL.</summary>
    public const string ConnectionStringName = "AudioMusic";

    /// <summary>Where the job index lives (and artifacts too, unless <see cref="Artifacts"/> says otherwise). The
    /// one-box default is <see cref="StorageProvider.Sqlite"/>; a cluster connection string switches to PostgreSQL.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The one-box library's folder (SQLite database and audio files); unset means the per-user data folder,
    /// see <see cref="Local.LocalLibrary.DefaultDirectory"/>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Npgsql connection string; required when anything is stored in PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where artifacts live; unset means the same place as the job index (for SQLite, the library's
    /// <c>artifacts</c> folder).</summary>
    public ArtifactStorageKind? Artifacts { get; set; }

    /// <summary>Root directory of the filesystem artifact store (a mount every API host shares).</summary>
    public string? ArtifactsPath { get; set; }
}

public enum StorageProvider
{
    /// <summary>One process's memory: gone when it stops. For tests and benchmarks.</summary>
    Memory,

    /// <summary>PostgreSQL, shared by every silo and API host of a cluster.</summary>
    Postgres,

    /// <summary>The one-box library: SQLite and audio files in <see cref="StorageOptions.DataDirectory"/>.</summary>
    Sqlite,
}

public enum ArtifactStorageKind
{
    Memory,
    Postgres,
    FileSystem,
}
