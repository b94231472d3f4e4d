using AudioMusic.Grains;

namespace AudioMusic.ApiHost.Resilience;

/// <summary>Reads a job for any route that names one: ids that are not GUIDs name no job (and activate no grain), the
/// read survives a silo's death (<see cref="ClusterReads"/>), and another tenant's job is no job at all.</summary>
public sealed class JobLookup
{
    private readonly IGrainFactory _grains;
    private readonly ClusterReads _reads;

    public JobLookup(IGrainFactory grains, ClusterReads reads)
    {
        _grains = grains;
        _reads = reads;
    }

    public async Task<JobView?> FindAsync(string id, Access.Caller caller, CancellationToken cancellationToken)
    {
        var job = Controllers.JobIds.IsValid(id) ? await _reads.RunAsync(() => _grains.GetGrain<IJobGrain>(id).GetView(), cancellationToken) : null;
        return job is not null && caller.CanSee(job.Owner) ? job : null;
    }

    /// <summary>Whether a job this caller may act on exists; a caller who sees every job skips the read (the command
    /// itself answers for a missing job).</summary>
    public async Task<bool> IsVisibleAsync(string id, Access.Caller caller, CancellationToken cancellationToken) =>
        Controllers.JobIds.IsValid(id) && (caller.Tenant is null || await FindAsync(id, caller, cancellationToken) is not null);
}
