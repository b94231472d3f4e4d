using System.Diagnostics;
using AudioMusic.Audio.Analysis;
using AudioMusic.Audio.Codecs;
using AudioMusic.Domain;
using AudioMusic.Engines;
using AudioMusic.Grains.Telemetry;
using AudioMusic.Storage;

namespace AudioMusic.Grains.Devices;

/// <summary>Runs one attempt outside Orleans: engine, encoders, artifact store. Pure CPU/IO work that the
/// InferenceGrain runs on the thread pool so the grain scheduler stays free.</summary>
public sealed class JobExecution
{
    /// <summary>Share of the progress bar given to the engine; encoding and storing take the rest.</summary>
    private const double EngineShare = 0.9;

    private readonly AudioEncoders _encoders;
    private readonly IArtifactStore _artifacts;
    private readonly Waveforms.WaveformMaker _waveforms;

    public JobExecution(AudioEncoders encoders, IArtifactStore artifacts, Waveforms.WaveformMaker waveforms)
    {
        _encoders = encoders;
        _artifacts = artifacts;
        _waveforms = waveforms;
    }

    public async Task<JobResult> RunAsync(IMusicEngine engine, EngineJob job, int attempt, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        EngineResult result;
        using (var stages = new StageSpans(new ScaledProgress(progress, EngineShare), Activity.Current?.Context ?? default))
        {
            result = await engine.GenerateAsync(job, stages, cancellationToken).ConfigureAwait(false);
        }

        // The requested format, plus a lossless FLAC master so a lossy download can always be re-derived.
        var formats = new[] { job.Request.Format, AudioFormat.Flac }.Distinct().ToArray();
        var audio = new List<JobAudio>();
        for (var i = 0; i < result.Variations.Count; i++)
        {
            var variation = result.Variations[i];
            var index = i;
            var options = new EncodingOptions(Tags: new AudioTags(job.Request.DisplayName, variation.Seed, result.Resolved.Model));
            // Everything made from the finished audio is independent of everything else, so it all runs at once and the
            // attempt takes as long as the longest piece on a machine with cores to spare: the measurement, each
            // format, the waveform (players ask for it first) and each stem.
            var analysis = Task.Run(() =>
            {
                using var span = AudioMusicTelemetry.Source.StartActivity("analyze");
                return AudioAnalyzer.Analyze(variation.Audio, cancellationToken);
            }, cancellationToken);
            var files = formats.Select(format => Task.Run(() => EncodeAndStoreAsync(EncoderFor(format), variation.Audio, options,
                ArtifactKeys.For(job.JobId, attempt, index, format.FileExtension()), cancellationToken), cancellationToken)).ToArray();
            var master = ArtifactKeys.For(job.JobId, attempt, index, AudioFormat.Flac.FileExtension());
            var waveform = Task.Run(async () =>
            {
                using var span = AudioMusicTelemetry.Source.StartActivity("waveform");
                await _waveforms.StoreAsync(variation.Audio, WaveformPeaks.DefaultPoints, Waveforms.WaveformGrain.KeyFor(master, WaveformPeaks.DefaultPoints),
                    cancellationToken).ConfigureAwait(false);
            }, cancellationToken);
            // Stems are kept as FLAC masters only; any other format of them is made on request, like the mix's.
            var stems = (variation.Stems ?? new Dictionary<string, Audio.AudioBuffer>()).Select(stem => Task.Run(async () => new StemAudio(stem.Key,
                await EncodeAndStoreAsync(EncoderFor(AudioFormat.Flac), stem.Value, options,
                    ArtifactKeys.ForStem(job.JobId, attempt, index, stem.Key, AudioFormat.Flac.FileExtension()), cancellationToken).ConfigureAwait(false)),
                cancellationToken)).ToArray();
            await Task.WhenAll([analysis, waveform, .. files, .. stems]).ConfigureAwait(false);

            var lyrics = variation.Lyrics.Count > 0 ? Lrc.Format(variation.Lyrics) : null;
            audio.Add(new JobAudio(i, variation.Seed, variation.Audio.DurationSeconds, variation.Audio.SampleRate, variation.Audio.ChannelCount,
                files.Select(f => f.Result).ToList(), lyrics)
            {
                Lyrics = variation.Lyrics,
                Analysis = analysis.Result,
                Stems = stems.Select(s => s.Result).ToList(),
            });
            progress.Report(new EngineProgress(EngineShare + (1 - EngineShare) * (i + 1) / result.Variations.Count, "encoding"));
        }
        return new JobResult(result.Resolved, audio);
    }

    private IAudioEncoder EncoderFor(AudioFormat format) => _encoders.Get(format)
        ?? throw new InvalidOperationException($"format {format.ToWire()} became unavailable on this node: {_encoders.WhyUnavailable(format)}");

    /// <summary>The attempt is part of <paramref name="key"/>: a stale attempt that finishes late can never overwrite the
    /// winner's audio. The encoder writes into the store's own stream (the file itself, with the filesystem store), so
    /// the song is not copied whole on its way to disk; the span covers encoding and storing together.</summary>
    private async Task<StoredArtifact> EncodeAndStoreAsync(IAudioEncoder encoder, Audio.AudioBuffer buffer, EncodingOptions options, string key,
        CancellationToken cancellationToken)
    {
        using var span = AudioMusicTelemetry.Source.StartActivity("encode " + encoder.Format.ToWire());
        var length = await _artifacts.WriteAsync(key, encoder.Format.ContentType(), (output, token) =>
        {
            encoder.Encode(buffer, output, options, token);
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        span?.SetTag("audiomusic.bytes", length);
        return new StoredArtifact(encoder.Format, key, length, encoder.Format.ContentType());
    }

    /// <summary>Maps the engine's 0–1 onto the first part of the job's bar, on the reporting thread
    /// (System.Progress would post to a captured context instead).</summary>
    private sealed class ScaledProgress(IProgress<EngineProgress> inner, double share) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) => inner.Report(value with { Fraction = value.Fraction * share });
    }
}
