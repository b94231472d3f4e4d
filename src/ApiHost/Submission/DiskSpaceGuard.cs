using System.Globalization;
using AudioMusic.Storage;
using AudioMusic.Storage.FileSystem;

namespace AudioMusic.ApiHost.Submission;

/// <summary>Refuses new jobs while the disk that keeps the audio has less than <c>Storage:MinFreeDiskMb</c> free, so a
/// job is turned away at the door rather than failing half-way through its write. What is stored is never at risk
/// either way: artifacts are written to a temporary file and renamed into place only when complete. Applies where the
/// audio is on a disk this host sees (the one-box library, a shared directory); a database or memory store has no disk
/// of its own to check.</summary>
public sealed class DiskSpaceGuard
{
    public const int DefaultMinFreeMb = 512;

    private readonly string? _root;
    private readonly long _minFreeBytes;

    public DiskSpaceGuard(IArtifactStore store, int minFreeMb)
    {
        _root = (store as FileSystemArtifactStore)?.Root;
        _minFreeBytes = Math.Max(0, minFreeMb) * 1024L * 1024L;
    }

    /// <summary>Why a new job cannot be taken now, or null when there is room.</summary>
    public string? WhyFull()
    {
        if (_root is null || _minFreeBytes == 0)
        {
            return null;
        }
        var free = new DriveInfo(_root).AvailableFreeSpace;
        return free >= _minFreeBytes
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{free / (1024 * 1024)} MB free on the disk that keeps the audio, below Storage:MinFreeDiskMb = {_minFreeBytes / (1024 * 1024)}: free some space (delete jobs, set Storage:Retention) and submit again.");
    }
}
