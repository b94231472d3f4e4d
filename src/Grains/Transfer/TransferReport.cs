namespace AudioMusic.Grains.Transfer;

/// <summary>What an export or import did: jobs moved, jobs left as they were (and why, by job id).</summary>
public sealed record TransferReport(int Transferred, int ArtifactCount, long ArtifactBytes, IReadOnlyDictionary<string, string> Skipped);
