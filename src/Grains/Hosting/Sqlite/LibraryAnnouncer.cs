using AudioMusic.Storage;
using AudioMusic.Storage.Local;
using Microsoft.Extensions.Logging;

namespace AudioMusic.Grains.Hosting.Sqlite;

/// <summary>Says at start-up where the one-box library is and how many jobs it holds, so a user knows which folder to
/// back up, and sees that a restart kept their songs.</summary>
public sealed partial class LibraryAnnouncer(LocalLibrary library, IJobIndex index, ILogger<LibraryAnnouncer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LibraryAnnouncer), ServiceLifecycleStage.Active, AnnounceAsync);

    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        var counts = await index.CountByStatusAsync(null, cancellationToken).ConfigureAwait(false);
        LogLibrary(library.Directory, counts.Values.Sum());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {Directory}: {Jobs} job(s) (Storage:DataDirectory chooses another folder)")]
    private partial void LogLibrary(string directory, long jobs);
}
