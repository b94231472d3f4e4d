using System.Runtime.InteropServices;
using System.Text;

namespace AudioMusic.Engines.BuiltIn.Vocals.Espeak;

/// <summary>
/// The parts of espeak-ng's C library (libespeak-ng.so.1, Debian package libespeak-ng1) this engine uses: turning text
/// into IPA phonemes for a language. The library is loaded at run time, so a machine without it still works (the
/// registry then falls back). espeak-ng keeps global state (the current voice, internal buffers) and is not
/// thread-safe, so every call goes through one lock.
/// </summary>
internal sealed class EspeakLibrary
{
    private const int AudioOutputSynchronous = 2;
    private const int InitializeDontExit = 0x8000;      // return an error instead of calling exit() when data is missing
    private const int CharsUtf8 = 1;
    private const int PhonemesIpa = 0x02;
    private const int PhonemeSeparator = '_' << 8;      // one separator between phonemes makes multi-letter IPA unambiguous

    private static readonly string[] LibraryNames = ["libespeak-ng.so.1", "libespeak-ng.so", "libespeak-ng", "espeak-ng"];
    private static readonly Lazy<EspeakLibrary?> Instance = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int InitializeFunction(int output, int bufferLength, IntPtr path, int options);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetVoiceByNameFunction(IntPtr name);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr TextToPhonemesFunction(ref IntPtr text, int textMode, int phonemeMode);

    private readonly Lock _gate = new();
    private readonly SetVoiceByNameFunction _setVoiceByName;
    private readonly TextToPhonemesFunction _textToPhonemes;
    private readonly Dictionary<string, bool> _voiceAvailable = new(StringComparer.Ordinal);
    private string? _currentVoice;

    private EspeakLibrary(SetVoiceByNameFunction setVoiceByName, TextToPhonemesFunction textToPhonemes)
    {
        _setVoiceByName = setVoiceByName;
        _textToPhonemes = textToPhonemes;
    }

    /// <summary>The loaded library, or null when it is not installed or fails to initialise.</summary>
    public static EspeakLibrary? Shared => Instance.Value;

    /// <summary>Why the library is unavailable, for fallback notes (null when it loaded).</summary>
    public static string? LoadFailure { get; private set; }

    public bool HasVoice(string voice)
    {
        lock (_gate)
        {
            return SelectVoice(voice);
        }
    }

    /// <summary>IPA of <paramref name="text"/> with phonemes separated by '_' and words by spaces; null if the voice is missing.</summary>
    public string? ToIpa(string text, string voice)
    {
        lock (_gate)
        {
            if (!SelectVoice(voice))
            {
                return null;
            }
            var bytes = Encoding.UTF8.GetBytes(text + "\0");
            var buffer = Marshal.AllocHGlobal(bytes.Length);
            try
            {
                Marshal.Copy(bytes, 0, buffer, bytes.Length);
                var cursor = buffer;
                var result = new StringBuilder();
                // espeak returns one clause per call and advances the cursor; it sets it to null at the end.
                while (cursor != IntPtr.Zero && Marshal.ReadByte(cursor) != 0)
                {
                    var clause = _textToPhonemes(ref cursor, CharsUtf8, PhonemesIpa | PhonemeSeparator);
                    if (clause == IntPtr.Zero)
                    {
                        break;
                    }
                    result.Append(Marshal.PtrToStringUTF8(clause)).Append(' ');
                }
                return result.ToString().Trim();
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
    }

    private bool SelectVoice(string voice)
    {
        if (_currentVoice == voice)
        {
            return true;
        }
        if (_voiceAvailable.TryGetValue(voice, out var known) && !known)
        {
            return false;
        }
        var name = Marshal.StringToCoTaskMemUTF8(voice);
        try
        {
            var ok = _setVoiceByName(name) == 0;
            _voiceAvailable[voice] = ok;
            _currentVoice = ok ? voice : null;
            return ok;
        }
        finally
        {
            Marshal.FreeCoTaskMem(name);
        }
    }

    private static EspeakLibrary? TryLoad()
    {
        IntPtr handle = IntPtr.Zero;
        if (!LibraryNames.Any(name => NativeLibrary.TryLoad(name, out handle)))
        {
            LoadFailure = "espeak-ng's library (libespeak-ng.so.1) is not installed";
            return null;
        }
        if (!NativeLibrary.TryGetExport(handle, "espeak_Initialize", out var initialize)
            || !NativeLibrary.TryGetExport(handle, "espeak_SetVoiceByName", out var setVoice)
            || !NativeLibrary.TryGetExport(handle, "espeak_TextToPhonemes", out var textToPhonemes))
        {
            LoadFailure = "the espeak-ng library lacks espeak_TextToPhonemes (too old)";
            return null;
        }
        var sampleRate = Marshal.GetDelegateForFunctionPointer<InitializeFunction>(initialize)(
            AudioOutputSynchronous, 0, IntPtr.Zero, InitializeDontExit);
        if (sampleRate <= 0)
        {
            LoadFailure = "espeak-ng failed to initialise (is espeak-ng-data installed?)";
            return null;
        }
        return new EspeakLibrary(
            Marshal.GetDelegateForFunctionPointer<SetVoiceByNameFunction>(setVoice),
            Marshal.GetDelegateForFunctionPointer<TextToPhonemesFunction>(textToPhonemes));
    }
}
