using AudioMusic.Domain;
using AudioMusic.Storage;
using Orleans.Concurrency;

namespace AudioMusic.Grains.Catalog;

/// <summary>Lists and counts jobs from the job index, then reads each listed job from its own grain so a listing
/// shows exactly what a status read would.</summary>
[StatelessWorker]
public sealed class JobCatalogGrain : Grain, IJobCatalogGrain
{
    private readonly IJobIndex _index;

    public JobCatalogGrain(IJobIndex index) => _index = index;

    public async Task<JobListPage> List(JobListQuery query)
    {
        var page = await _index.QueryAsync(new JobQuery(query.Owner, query.Status, query.Task, query.Text, query.Cursor, query.Limit), CancellationToken.None);
        var views = await Task.WhenAll(page.Entries.Select(e => GrainFactory.GetGrain<IJobGrain>(e.JobId).GetView()));
        // A job deleted between the index read and the grain read is simply left out.
        return new JobListPage(views.OfType<JobView>().ToArray(), page.NextCursor);
    }

    public Task<IReadOnlyDictionary<JobStatus, long>> Counts(string? owner) => _index.CountByStatusAsync(owner, CancellationToken.None);
}
