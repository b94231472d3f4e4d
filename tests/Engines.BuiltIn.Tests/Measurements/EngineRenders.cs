using System.Collections.Concurrent;
using AudioMusic.Audio;
using AudioMusic.Audio.Codecs;
using AudioMusic.Domain;
using AudioMusic.TestSupport;

namespace AudioMusic.Engines.BuiltIn.Tests.Measurements;

/// <summary>Renders through the built-in engine and hands back what a client would get: the variation's audio
/// encoded to FLAC by the service's encoder and decoded again by ffmpeg. Renders are cached per request and seed,
/// so the measurements of one render (tempo, loudness, duration) share it.</summary>
internal static class EngineRenders
{
    public const int Seed = 20_240;
    private static readonly BuiltInEngine Engine = new();
    private static readonly DeviceDescriptor Cpu = new("cpu", DeviceKind.Cpu, 0, 8L << 30, "test CPU");
    private static readonly ConcurrentDictionary<(GenerationRequest, int), Lazy<Rendered>> Cache = new();

    public static Rendered Render(GenerationRequest request, int seed = Seed) =>
        Cache.GetOrAdd((request, seed), key => new Lazy<Rendered>(() => RenderUncached(key.Item1, key.Item2))).Value;

    /// <summary>The first variation of a stems render (vocals, drums, bass, other).</summary>
    public static EngineVariation RenderStems(GenerationRequest request, int seed = Seed) =>
        Engine.GenerateAsync(Job(request with { Stems = true }, seed), new Progress<EngineProgress>(), CancellationToken.None).GetAwaiter().GetResult().Variations[0];

    /// <summary>Everything but the voice: the drum, bass and other stems summed.</summary>
    public static AudioBuffer Accompaniment(EngineVariation variation)
    {
        var stems = variation.Stems!;
        var channels = Enumerable.Range(0, 2).Select(c =>
        {
            var sum = new float[variation.Audio.Frames];
            foreach (var name in new[] { "drums", "bass", "other" })
            {
                var source = stems[name].Channels[c];
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += source[i];
                }
            }
            return sum;
        }).ToArray();
        return new AudioBuffer(variation.Audio.SampleRate, channels);
    }

    public static ResolvedParameters Resolve(GenerationRequest request, int seed = Seed) => Engine.Resolve(Job(request, seed));

    public static byte[] Flac(AudioBuffer audio)
    {
        using var stream = new MemoryStream();
        new FlacEncoder().Encode(audio, stream);
        return stream.ToArray();
    }

    public static GenerationRequest Instrumental(GenrePreset preset, TimeSignature meter, double seconds, KeyScale? key = null, int? bpm = null) => new()
    {
        Task = MusicTask.Prompt2Instrumental,
        Caption = preset.Caption,
        Instrumental = true,
        GenrePreset = preset.Slug,
        DurationSeconds = seconds,
        Bpm = bpm ?? preset.DefaultBpm,
        Key = key ?? KeyScale.Of(preset.Modes[0] == Mode.Major ? 7 : 9, preset.Modes[0]),
        TimeSignature = meter,
        VocalLanguage = "en",
    };

    private static Rendered RenderUncached(GenerationRequest request, int seed)
    {
        var result = Engine.GenerateAsync(Job(request, seed), new Progress<EngineProgress>(), CancellationToken.None).GetAwaiter().GetResult();
        var variation = result.Variations[0];
        var flac = Flac(variation.Audio);
        return new Rendered(result.Resolved, variation, flac, ExternalDecoder.Decode(flac, "flac"));
    }

    private static EngineJob Job(GenerationRequest request, int seed) => new($"measure-{seed}", request with { Seed = seed }, [seed], Cpu);
}

/// <summary>One rendered variation: the engine's own output, its FLAC file and what ffmpeg decodes from that.</summary>
internal sealed record Rendered(ResolvedParameters Resolved, EngineVariation Variation, byte[] Flac, AudioBuffer Decoded);
