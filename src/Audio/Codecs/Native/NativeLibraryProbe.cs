using System.Runtime.InteropServices;

namespace AudioMusic.Audio.Codecs.Native;

/// <summary>Loads a shared library by any of its usual file names and resolves symbols, collecting the first
/// failure as a sentence an operator can act on (which package to install, which symbol was missing).</summary>
internal sealed class NativeLibraryProbe
{
    private readonly string _packageHint;
    private nint _handle;

    private NativeLibraryProbe(string packageHint) => _packageHint = packageHint;

    public string? Failure { get; private set; }

    public bool Succeeded => Failure is null;

    public static NativeLibraryProbe Load(string description, string packageHint, params string[] candidateNames)
    {
        var probe = new NativeLibraryProbe(packageHint);
        foreach (var name in candidateNames)
        {
            if (NativeLibrary.TryLoad(name, typeof(NativeLibraryProbe).Assembly, DllImportSearchPath.SafeDirectories, out probe._handle))
            {
                return probe;
            }
        }
        probe.Failure = $"{description} could not be loaded (tried {string.Join(", ", candidateNames)}); install {packageHint}.";
        return probe;
    }

    /// <summary>The address of <paramref name="symbol"/>, or zero (and a recorded failure) when it is absent.</summary>
    public nint Resolve(string symbol)
    {
        if (Failure is not null)
        {
            return 0;
        }
        if (NativeLibrary.TryGetExport(_handle, symbol, out var address))
        {
            return address;
        }
        Failure = $"the loaded library lacks the symbol '{symbol}' (an incompatible version?); install {_packageHint}.";
        return 0;
    }
}
