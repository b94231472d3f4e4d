using AudioMusic.Domain;
using AudioMusic.Storage;

namespace AudioMusic.Grains.Renditions;

/// <summary>Single flight for one rendition: Orleans runs this grain's calls one at a time, so the first request
/// transcodes on the thread pool while the others wait, then find the stored file and return at once.</summary>
public sealed class RenditionGrain : Grain, IRenditionGrain
{
    private readonly Transcoder _transcoder;
    private readonly IArtifactStore _artifacts;

    public RenditionGrain(Transcoder transcoder, IArtifactStore artifacts)
    {
        _transcoder = transcoder;
        _artifacts = artifacts;
    }

    private string TargetKey => this.GetPrimaryKeyString();

    public async Task<RenditionOutcome> Ensure(RenditionOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (await _artifacts.GetInfoAsync(TargetKey, CancellationToken.None) is { } stored)
        {
            return new RenditionOutcome(new StoredArtifact(order.Spec.Format, TargetKey, stored.Length, stored.ContentType), null);
        }
        if (_transcoder.WhyUnavailable(order.Spec.Format) is { } reason)
        {
            return new RenditionOutcome(null, reason);
        }
        var made = await Task.Run(() => _transcoder.TranscodeAsync(order, TargetKey, CancellationToken.None));
        return made is null
            ? new RenditionOutcome(null, "the master recording of this output is no longer stored")
            : new RenditionOutcome(made, null);
    }
}
