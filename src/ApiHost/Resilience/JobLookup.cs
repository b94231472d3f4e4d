using AudioMusic.Grains;

namespace AudioMusic.ApiHost.Resilience;

/// <summary>Reads a job for any route that names one: ids that are not GUIDs name no job (and activate no grain), and
/// the read survives a silo's death (<see cref="ClusterReads"/>).</summary>
public sealed class JobLookup
{
    private readonly IGrainFactory _grains;
    private readonly ClusterReads _reads;

    public JobLookup(IGrainFactory grains, ClusterReads reads)
    {
        _grains = grains;
        _reads = reads;
    }

    public async Task<JobView?> FindAsync(string id, CancellationToken cancellationToken) =>
        Controllers.JobIds.IsValid(id) ? await _reads.RunAsync(() => _grains.GetGrain<IJobGrain>(id).GetView(), cancellationToken) : null;
}
