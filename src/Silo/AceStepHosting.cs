using AudioMusic.Engines;
using AudioMusic.Engines.AceStep;
using AudioMusic.Grains.Devices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AudioMusic.Silo;

/// <summary>Adds the ACE-Step engines to a silo: one per model found under <c>Engines:AceStep:WeightsDirectory</c>.
/// Without weights the turbo engine is still registered, reporting why it cannot run, so that every silo knows the
/// name and a request for it gets a clear 400 at submit instead of "unknown engine".</summary>
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

    private sealed class TorchAcceleratorDiscovery : IAcceleratorDiscovery
    {
        public IReadOnlyList<DeviceDescriptor> Discover() => TorchDevices.Discover();
    }
}
