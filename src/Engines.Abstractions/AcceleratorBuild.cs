namespace AudioMusic.Engines;

/// <summary>Which libtorch the running executable was built with: build/TorchSharp.targets records its
/// <c>TorchBackend</c> ("cpu", "cuda" or "none") in the executable's runtimeconfig. Null for an executable that does
/// not import those targets (it carries no libtorch).</summary>
public static class AcceleratorBuild
{
    public const string TorchBackendSwitch = "AudioMusic.TorchBackend";

    public static string? TorchBackend => AppContext.GetData(TorchBackendSwitch) as string;
}
