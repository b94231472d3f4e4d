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
            // Measuring runs beside encoding: on a machine with a core to spare it adds nothing to the job's time.
            var analysis = Task.Run(() =>
            {
                using var span = AudioMusicTelemetry.Source.StartActivity("analyze");
                return AudioAnalyzer.Analyze(variation.Audio, cancellationToken);
            }, cancellationToken);
            var options = new EncodingOptions(Tags: new AudioTags(job.Request.DisplayName, variation.Seed, result.Resolved.Model));
            var files = new List<StoredArtifact>();
            foreach (var format in formats)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var encoder = _encoders.Get(format)
                    ?? throw new InvalidOperationException($"format {format.ToWire()} became unavailable on this node: {_encoders.WhyUnavailable(format)}");
                files.Add(await EncodeAndStoreAsync(encoder, variation.Audio, options, ArtifactKeys.For(job.JobId, attempt, i, format.FileExtension()), cancellationToken)
                    .ConfigureAwait(false));
            }
            // The waveform at the default resolution is made now, from the audio in memory: players ask for it first.
            var master = files.First(f => f.Format == AudioFormat.Flac).Key;
            using var waveform = AudioMusicTelemetry.Source.StartActivity("waveform");
            await _waveforms.StoreAsync(variation.Audio, WaveformPeaks.DefaultPoints, Waveforms.WaveformGrain.KeyFor(master, WaveformPeaks.DefaultPoints), cancellationToken)
                .ConfigureAwait(false);
            // Stems are kept as FLAC masters only; any other format of them is made on request, like the mix's.
            var stems = new List<StemAudio>();
            foreach (var (name, stem) in variation.Stems ?? new Dictionary<string, Audio.AudioBuffer>())
            {
                var key = ArtifactKeys.ForStem(job.JobId, attempt, i, name, AudioFormat.Flac.FileExtension());
                stems.Add(new StemAudio(name, await EncodeAndStoreAsync(_encoders.Get(AudioFormat.Flac)!, stem, options, key, cancellationToken).ConfigureAwait(false)));
            }
            var lyrics = variation.Lyrics.Count > 0 ? Lrc.Format(variation.Lyrics) : null;
            audio.Add(new JobAudio(i, variation.Seed, variation.Audio.DurationSeconds, variation.Audio.SampleRate, variation.Audio.ChannelCount, files, lyrics)
            {
                Lyrics = variation.Lyrics,
                Analysis = await analysis.ConfigureAwait(false),
                Stems = stems,
            });
            progress.Report(new EngineProgress(EngineShare + (1 - EngineShare) * (i + 1) / result.Variations.Count, "encoding"));
        }
        return new JobResult(result.Resolved, audio);
    }

    /// <summary>The attempt is part of <paramref name="key"/>: a stale attempt that finishes late can never overwrite the
    /// winner's audio.</summary>
    private async Task<StoredArtifact> EncodeAndStoreAsync(IAudioEncoder encoder, Audio.AudioBuffer buffer, EncodingOptions options, string key,
        CancellationToken cancellationToken)
    {
        using var encoded = new MemoryStream();
        using (var span = AudioMusicTelemetry.Source.StartActivity("encode " + encoder.Format.ToWire()))
        {
            encoder.Encode(buffer, encoded, options, cancellationToken);
            span?.SetTag("audiomusic.bytes", encoded.Length);
        }
        encoded.Position = 0;
        using (AudioMusicTelemetry.Source.StartActivity("store"))
        {
            await _artifacts.WriteAsync(key, encoded, encoder.Format.ContentType(), cancellationToken).ConfigureAwait(false);
        }
        return new StoredArtifact(encoder.Format, key, encoded.Length, encoder.Format.ContentType());
    }

    /// <summary>Maps the engine's 0–1 onto the first part of the job's bar, on the reporting thread
    /// (System.Progress would post to a captured context instead).</summary>
    private sealed class ScaledProgress(IProgress<EngineProgress> inner, double share) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value) => inner.Report(value with { Fraction = value.Fraction * share });
    }
}
