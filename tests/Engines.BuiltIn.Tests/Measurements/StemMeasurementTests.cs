using AudioMusic.Audio;
using AudioMusic.Audio.Analysis;
using AudioMusic.Domain;
using AudioMusic.TestSupport;

namespace AudioMusic.Engines.BuiltIn.Tests.Measurements;

/// <summary>Stems measured as audio: they add up to the mix, and each holds the instrument it is named after.</summary>
public sealed class StemMeasurementTests
{
    private static GenerationRequest Song(string slug, int bpm) => GenrePresetMeasurementTests.Request(slug) with
    {
        Task = MusicTask.Text2Music,
        Instrumental = false,
        Lyrics = "[verse]\nCity lights are calling me\n[chorus]\nWe keep on running through the night",
        DurationSeconds = 20,
        Bpm = bpm,
    };

    [Theory]
    [InlineData("modern-pop", 104)]
    [InlineData("rock", 128)]
    [InlineData("electronic", 124)]
    public void The_stems_sum_to_the_mix_before_compression_and_limiting(string slug, int bpm)
    {
        var render = EngineRenders.RenderStems(Song(slug, bpm));

        var sum = Sum(render.Stems!.Values);
        for (var c = 0; c < 2; c++)
        {
            // The master is that sum after bus compression and true-peak limiting, the only stages the stems skip:
            // measured, the sum correlates 0.990–0.996 with the master and is 0.7–1.1 dB louder (what compression took).
            var correlation = Signal.Correlation(sum.Channels[c], render.Audio.Channels[c]);
            var levelDb = Signal.RmsDb(sum.Channels[c]) - Signal.RmsDb(render.Audio.Channels[c]);
            Assert.True(correlation > 0.98, $"{slug} channel {c}: correlation of the stems' sum with the master {correlation:F4}");
            Assert.InRange(levelDb, -1.5, 1.5);
        }
    }

    [Fact]
    public void Each_stem_holds_what_it_is_named_after()
    {
        var render = EngineRenders.RenderStems(Song("rock", 120));
        var stems = render.Stems!;

        // Drums: the beat, at the requested tempo (alone, a kick-and-snare pattern may be heard at half or double).
        var drumTempo = TempoEstimator.Estimate(stems["drums"]);
        var octaves = Math.Log2(drumTempo / 120);
        Assert.True(Math.Abs(octaves - Math.Round(octaves)) < 0.03, $"drum stem tempo {drumTempo:F1} bpm against 120");
        // Bass: the low stem (a bass guitar's harmonics reach well up; measured: half its power below 300 Hz, centroid
        // about 400 Hz). Other: the chords and lead, above it. Vocals: sung, and only where lines are sung.
        var (bassCentroid, bassLow) = Spectral(stems["bass"]);
        var (otherCentroid, otherLow) = Spectral(stems["other"]);
        Assert.True(bassLow > 0.4 && bassLow > 2 * otherLow, $"power below 300 Hz: bass stem {bassLow:P0}, other stem {otherLow:P0}");
        Assert.True(otherCentroid > 1.8 * bassCentroid, $"other stem centroid {otherCentroid:F0} Hz against bass {bassCentroid:F0} Hz");
        var firstLine = render.Lyrics[0].StartSeconds;
        var vocals = Signal.Mono(stems["vocals"]);
        Assert.True(Signal.Peak(vocals.AsSpan(0, (int)((firstLine - 0.1) * 48_000))) < 1e-3, "voice before the first line");
        Assert.True(Signal.RmsDb(vocals.AsSpan((int)(firstLine * 48_000), 48_000)) > -40, "no voice at the first line");
    }

    private static AudioBuffer Sum(IEnumerable<AudioBuffer> stems)
    {
        var list = stems.ToList();
        var channels = Enumerable.Range(0, 2).Select(c =>
        {
            var sum = new float[list[0].Frames];
            foreach (var stem in list)
            {
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += stem.Channels[c][i];
                }
            }
            return sum;
        }).ToArray();
        return new AudioBuffer(list[0].SampleRate, channels);
    }

    /// <summary>The stem's spectral centroid (power-weighted mean frequency) and its share of power below 300 Hz, from
    /// 8192-point frames.</summary>
    private static (double Centroid, double LowShare) Spectral(AudioBuffer audio)
    {
        var mono = Signal.Mono(audio);
        double weighted = 0, low = 0, total = 0;
        var window = Spectrum.Hann(8192);
        for (var start = 0; start + 8192 <= mono.Length; start += 4096)
        {
            var magnitudes = Spectrum.Magnitudes(mono, start, 8192, window);
            for (var k = 1; k < magnitudes.Length; k++)
            {
                var power = magnitudes[k] * magnitudes[k];
                var hz = k * audio.SampleRate / 8192.0;
                weighted += power * hz;
                low += hz < 300 ? power : 0;
                total += power;
            }
        }
        return (weighted / total, low / total);
    }
}
