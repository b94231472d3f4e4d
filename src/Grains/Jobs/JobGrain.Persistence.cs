using AudioMusic.Domain;

namespace AudioMusic.Grains.Jobs;

/// <summary>Keeping the job's two records (its grain state and its index entry) in step. The queue's rebuild and the
/// lease sweep read the index, so an index that disagrees with the state can strand a job: a Start whose state write
/// landed but whose index write did not (a silo killed between them, a failed database call) leaves the state
/// PROCESSING with a lease that no sweep sees, and the index PENDING for a job that refuses every Start.</summary>
public sealed partial class JobGrain
{
    /// <summary>A job still under way writes its index entry again when it is brought back from storage: whatever
    /// interrupted the last transition between its two writes, the index then shows the stored state (and its lease,
    /// which the sweep recovers when it runs out).</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Exists && !Job.Status.IsTerminal())
        {
            await _index.UpsertAsync(IndexEntry(), cancellationToken);
        }
    }

    /// <summary>Stores the state and the index entry, then wakes the event readers (a transition's event is readable once
    /// it is stored). When a write fails, this activation's state may be ahead of what is stored: it is dropped once the
    /// call ends, and the next call reads the stored state (and repairs the index, above) instead of acting on a
    /// transition that never landed.</summary>
    private async Task PersistAsync()
    {
        try
        {
            await _state.WriteStateAsync();
            await _index.UpsertAsync(IndexEntry(), CancellationToken.None);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        await PublishEventsAsync();
    }
}
