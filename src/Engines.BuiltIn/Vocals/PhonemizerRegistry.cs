using System.Collections.Concurrent;
using AudioMusic.Engines.BuiltIn.Vocals.English;
using AudioMusic.Engines.BuiltIn.Vocals.Espeak;
using AudioMusic.Engines.BuiltIn.Vocals.Fallback;

namespace AudioMusic.Engines.BuiltIn.Vocals;

/// <summary>
/// Chooses the phonemiser for a lyric language: the built-in English one for "en" and "unknown"; espeak-ng's
/// library for any other language it has a voice for; otherwise <see cref="GenericPhonemizer"/>, in which case
/// <see cref="FallbackNote"/> says so (the engine reports it with the result). Safe to share between threads.
/// </summary>
public sealed class PhonemizerRegistry
{
    // ISO 639-1 codes whose espeak-ng voice has another name (Norwegian is "nb" there).
    private static readonly Dictionary<string, string> VoiceAliases = new(StringComparer.Ordinal)
    {
        ["no"] = "nb",
    };

    private readonly EnglishPhonemizer _english = new();
    private readonly EspeakLibrary? _espeak;
    private readonly ConcurrentDictionary<string, IPhonemizer> _byLanguage = new(StringComparer.Ordinal);

    private PhonemizerRegistry(EspeakLibrary? espeak) => _espeak = espeak;

    /// <summary>The registry with espeak-ng when its library loads on this machine.</summary>
    public static PhonemizerRegistry CreateDefault() => new(EspeakLibrary.Shared);

    /// <summary>A registry that never uses espeak-ng (what a machine without the library gets).</summary>
    public static PhonemizerRegistry CreateWithoutEspeak() => new(null);

    /// <summary>True when other languages are phonemised by espeak-ng.</summary>
    public bool HasEspeak => _espeak is not null;

    public IPhonemizer For(string languageCode)
    {
        var code = Normalise(languageCode);
        if (code is "en" or "unknown" or "")
        {
            return _english;
        }
        return _byLanguage.GetOrAdd(code, Create);
    }

    /// <summary>Null when <paramref name="languageCode"/> gets a real phonemiser; otherwise a sentence saying what is used instead.</summary>
    public string? FallbackNote(string languageCode)
    {
        var code = Normalise(languageCode);
        if (For(code) is not GenericPhonemizer)
        {
            return null;
        }
        var reason = _espeak is null
            ? EspeakLibrary.LoadFailure ?? "espeak-ng is not used"
            : "espeak-ng has no voice for it";
        return $"no phonemiser for '{code}': {reason}; the lyrics are sung with a generic letter-to-sound reading " +
               "(Cyrillic and Greek transliterated, other scripts on placeholder syllables)";
    }

    private IPhonemizer Create(string code)
    {
        var fallback = new GenericPhonemizer(code);
        var voice = VoiceAliases.GetValueOrDefault(code, code);
        return _espeak is not null && _espeak.HasVoice(voice)
            ? new EspeakPhonemizer(code, voice, _espeak, fallback)
            : fallback;
    }

    /// <summary>"EN", " en ", "en-GB" all mean "en".</summary>
    private static string Normalise(string? languageCode) =>
        (languageCode ?? "").Trim().ToLowerInvariant().Split('-', '_')[0];
}
