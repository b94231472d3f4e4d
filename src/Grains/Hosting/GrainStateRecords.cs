using System.Diagnostics.CodeAnalysis;
using Orleans.Storage;

namespace AudioMusic.Grains.Hosting;

/// <summary>What every grain storage of this service does to a grain's state object when a record is found, written,
/// missing or cleared, and how it reports a write from a stale copy; the stores differ only in where records live.</summary>
internal static class GrainStateRecords
{
    /// <summary>A record was read: <paramref name="state"/> is whatever the serializer made of it.</summary>
    public static void Found<T>(IGrainState<T> grainState, [AllowNull] T state, string etag)
    {
        grainState.State = state;
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public static void Written<T>(IGrainState<T> grainState, string etag)
    {
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <summary>No record (never written, or cleared): a fresh state, as Orleans' own providers give.</summary>
    public static void Missing<T>(IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public static InconsistentStateException Inconsistent(string stateName, GrainId grainId, string? expected, string? stored) =>
        new($"State {stateName} of {grainId} changed underneath its grain (expected ETag {expected ?? "none"}, stored {stored ?? "none"})",
            stored ?? "none", expected ?? "none");
}
