using AudioMusic.Storage;

namespace AudioMusic.Grains.Waveforms;

/// <summary>Single flight for one waveform: calls run one at a time, so concurrent first requests decode the master
/// once; the work itself runs on the thread pool.</summary>
public sealed class WaveformGrain : Grain, IWaveformGrain
{
    private readonly IArtifactStore _artifacts;
    private readonly WaveformMaker _maker;

    public WaveformGrain(IArtifactStore artifacts, WaveformMaker maker)
    {
        _artifacts = artifacts;
        _maker = maker;
    }

    private string TargetKey => this.GetPrimaryKeyString();

    /// <summary>Where the peaks of <paramref name="masterKey"/> at <paramref name="points"/> points are kept.</summary>
    public static string KeyFor(string masterKey, int points) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ArtifactKeys.WithoutExtension(masterKey)}.peaks-{points}.json");

    public async Task<WaveformOutcome> Ensure(string masterKey, int points)
    {
        if (await _artifacts.GetInfoAsync(TargetKey, CancellationToken.None) is not null)
        {
            return new WaveformOutcome(TargetKey, null);
        }
        var stored = await Task.Run(() => _maker.MakeAsync(masterKey, points, TargetKey));
        return stored ? new WaveformOutcome(TargetKey, null) : new WaveformOutcome(null, "the master recording of this output is no longer stored");
    }
}
