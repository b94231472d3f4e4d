using AudioMusic.Domain;
using AudioMusic.Grains;
using AudioMusic.Grains.Events;

namespace AudioMusic.Contracts;

/// <summary>Maps a job's events to the data of a server-sent event and the body of a webhook delivery, which are the
/// same object.</summary>
public static class EventMapper
{
    public static JobEventDto ToDto(JobEvent e, JobView? job) =>
        new(e.Sequence, e.Type, e.At, e.Status.ToWire(), e.Progress, e.Stage, e.Attempt, e.Device, e.QueuePosition, e.Reason,
            job is null ? null : JobMapper.ToDto(job));
}
