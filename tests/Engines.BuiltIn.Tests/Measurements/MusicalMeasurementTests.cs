using AudioMusic.Audio.Analysis;
using AudioMusic.Domain;
using AudioMusic.TestSupport;

namespace AudioMusic.Engines.BuiltIn.Tests.Measurements;

/// <summary>Key, meter and determinism of the built-in engine, measured by the independent analysers.</summary>
public sealed class MusicalMeasurementTests
{
    [Fact]
    public void Requested_key_is_heard_in_at_least_ninety_percent_of_forty_cases()
    {
        // Forty requests: every tonic in both modes, spread over the presets so timbres and styles vary.
        var cases = Enumerable.Range(0, 40).Select(i =>
        {
            var preset = GenrePresets.All[i % GenrePresets.All.Count];
            var key = KeyScale.Of(i * 7 % 12, i % 2 == 0 ? Mode.Major : Mode.Minor);
            return (Preset: preset, Key: key, Seed: 1000 + i);
        }).ToArray();
        var misses = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            var request = EngineRenders.Instrumental(c.Preset, TimeSignature.FourFour, 8, c.Key);
            var estimate = KeyEstimator.Estimate(EngineRenders.Render(request, c.Seed).Decoded);
            if (!estimate.Key.Equals(c.Key))
            {
                misses.Add($"{c.Preset.Slug} seed {c.Seed}: requested {c.Key}, heard {estimate.Key} (runner-up {estimate.RunnerUp})");
            }
        });
        Assert.True(misses.Count <= 4, $"{misses.Count} of 40 keys missed:\n{string.Join("\n", misses.Order())}");
    }

    [Theory]
    [InlineData("jazz")]
    [InlineData("classical")]
    [InlineData("country")]
    [InlineData("folk")]
    [InlineData("ambient")]
    public void Three_four_and_four_four_are_distinguishable(string slug)
    {
        var preset = GenrePresets.Find(slug)!;
        foreach (var (meter, beats) in new[] { (TimeSignature.ThreeFour, 3), (TimeSignature.FourFour, 4) })
        {
            var request = EngineRenders.Instrumental(preset, meter, 12);
            var estimate = MeterEstimator.Estimate(EngineRenders.Render(request).Decoded, preset.DefaultBpm);
            Assert.True(estimate.BeatsPerBar == beats,
                $"{slug} in {meter}: heard {estimate.BeatsPerBar} beats per bar (scores {string.Join(", ", estimate.Scores.Select(kv => $"{kv.Key}: {kv.Value:F2}"))})");
        }
    }

    [Fact]
    public void Same_request_and_seed_give_byte_identical_flac()
    {
        var request = GenrePresetMeasurementTests.Request("modern-pop") with { DurationSeconds = 8 };
        var first = EngineRenders.RenderStems(request).Audio;
        var second = EngineRenders.RenderStems(request).Audio;
        Assert.Equal(EngineRenders.Flac(first), EngineRenders.Flac(second));
        // Asking for stems changes nothing in the master.
        Assert.Equal(EngineRenders.Flac(first), EngineRenders.Flac(EngineRenders.Render(request).Variation.Audio));
    }
}
