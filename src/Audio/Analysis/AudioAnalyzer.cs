using AudioMusic.Audio.Dsp;
using AudioMusic.Domain;

namespace AudioMusic.Audio.Analysis;

/// <summary>Measures a finished output: loudness and true peak over the whole output as a mastering meter would;
/// tempo from the onset envelope's periodicity over the middle 30 s and key from the chroma of the middle 60 s
/// against major and minor profiles. The excerpts keep the analysis of a 3-minute song under a second of CPU,
/// against several seconds for the whole; a song's tempo and key hold across its sections.</summary>
public static class AudioAnalyzer
{
    /// <summary>Below this, a tempo has too few beats to be heard reliably (a one-shot, a short sting).</summary>
    private const double MinTempoSeconds = 4;

    /// <summary>A key whose profile correlates less than this is reported as unknown rather than guessed.</summary>
    private const double MinKeyCorrelation = 0.5;

    private const double SilenceLufs = -70;
    private const double TempoExcerptSeconds = 30;
    private const double KeyExcerptSeconds = 60;

    public static OutputAnalysis Analyze(AudioBuffer audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var loudness = LoudnessMeter.IntegratedLoudness(audio.Channels, audio.SampleRate);
        var truePeak = TruePeakMeter.ToDb(TruePeakMeter.Measure(audio.Channels));
        var audible = double.IsFinite(loudness) && loudness > SilenceLufs;
        cancellationToken.ThrowIfCancellationRequested();
        double? tempo = null;
        KeyScale? key = null;
        double? confidence = null;
        if (audible)
        {
            // One mono downmix of the key's excerpt; the tempo's, shorter and also centred, is a stretch of it.
            var (keyStart, keyFrames) = Middle(audio, KeyExcerptSeconds);
            var (tempoStart, tempoFrames) = Middle(audio, TempoExcerptSeconds);
            var mono = Downmix.Mono(audio, keyStart, keyFrames);
            // Tempo and key share nothing else: on a machine with cores to spare they cost one.
            Parallel.Invoke(new ParallelOptions { CancellationToken = cancellationToken },
                () =>
                {
                    if (audio.DurationSeconds >= MinTempoSeconds)
                    {
                        var bpm = TempoEstimator.Estimate(mono.AsMemory(tempoStart - keyStart, tempoFrames), audio.SampleRate);
                        tempo = double.IsFinite(bpm) && bpm > 0 ? Math.Round(bpm, 1) : null;
                    }
                },
                () =>
                {
                    var estimate = KeyEstimator.Estimate(KeyEstimator.Chroma(mono, audio.SampleRate));
                    if (estimate.Correlation >= MinKeyCorrelation)
                    {
                        key = estimate.Key;
                        confidence = Math.Round(estimate.Correlation, 3);
                    }
                });
        }
        return new OutputAnalysis(
            audible ? Math.Round(loudness, 2) : null,
            double.IsFinite(truePeak) ? Math.Round(truePeak, 2) : null,
            Math.Round(audio.DurationSeconds, 3),
            tempo,
            key,
            confidence);
    }

    /// <summary>The first frame and length of the middle <paramref name="seconds"/> of the audio (all of it when
    /// shorter).</summary>
    private static (int Start, int Frames) Middle(AudioBuffer audio, double seconds)
    {
        var frames = (int)(seconds * audio.SampleRate);
        return audio.Frames <= frames ? (0, audio.Frames) : ((audio.Frames - frames) / 2, frames);
    }
}
