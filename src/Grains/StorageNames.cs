namespace AudioMusic.Grains;

/// <summary>Names of the Orleans grain-storage and reminder providers the silo configures.</summary>
public static class StorageNames
{
    public const string Jobs = "jobs";
}
