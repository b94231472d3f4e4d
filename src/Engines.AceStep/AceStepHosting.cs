using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AudioMusic.Engines.AceStep;

/// <summary>Adds the ACE-Step engines to a silo, the standalone one and the API host's embedded one alike: one per model
/// found under <c>Engines:AceStep:WeightsDirectory</c>. Without weights the turbo engine is still registered, reporting
/// why it cannot run, so that every silo knows the name and a request for it gets a clear 400 at submit instead of
/// "unknown engine". Also offers TorchSharp's CUDA devices to the inventory (used when <c>Devices:UseCuda</c> is on, or unset in a CUDA build).</summary>
public static class AceStepHosting
{
    public const string Section = "Engines:AceStep";

    public static IServiceCollection AddAceStepEngines(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new AceStepEngineOptions
        {
            WeightsDirectory = section["WeightsDirectory"] ?? "",
            MaxDurationSeconds = section.GetValue("MaxDurationSeconds", 600.0),
            Guidance = section.GetValue("Guidance", AceStepGuidance.Apg),
        };
        var engines = options.WeightsDirectory.Length > 0 && Directory.Exists(options.WeightsDirectory)
            ? AceStepEngine.ForEveryModel(options)
            : [];
        if (engines.Count == 0)
        {
            engines = [new AceStepEngine(options)];
        }
        foreach (var engine in engines)
        {
            services.AddSingleton<IMusicEngine>(engine);
        }
        services.AddSingleton<IAcceleratorDiscovery, TorchAcceleratorDiscovery>();
        return services;
    }

    private sealed class TorchAcceleratorDiscovery(ILogger<TorchAcceleratorDiscovery> logger) : IAcceleratorDiscovery
    {
        public IReadOnlyList<DeviceDescriptor> Discover()
        {
            if (AceStepEngine.NativeLibraryProblem is { } problem)
            {
                // No libtorch in this build (or it cannot load): no GPU can be offered. The engine lists the same reason.
                logger.LogWarning("CUDA devices were to be offered (Devices:UseCuda, or a CUDA build), but none can be: {Problem}", problem);
                return [];
            }
            return TorchDevices.Discover();
        }
    }
}
