using AudioMusic.Domain;
using AudioMusic.Engines;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Engines;

/// <summary>Configuration section "Engines".</summary>
public sealed class EngineOptions
{
    /// <summary>The engine used when a request names no <c>model</c>.</summary>
    public string Default { get; set; } = "builtin";
}

/// <summary>The engines compiled into this silo, by name. Every silo has the same catalogue; whether an engine
/// can actually run on a device (weights, native libraries) is each device's <see cref="EngineOffer"/>.</summary>
public sealed class EngineCatalog
{
    private readonly Dictionary<string, IMusicEngine> _engines;

    public EngineCatalog(IEnumerable<IMusicEngine> engines, IOptions<EngineOptions> options)
    {
        _engines = engines.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
        DefaultName = options.Value.Default;
        if (!_engines.ContainsKey(DefaultName))
        {
            throw new InvalidOperationException($"The default engine '{DefaultName}' is not registered; registered: {string.Join(", ", _engines.Keys)}.");
        }
    }

    public string DefaultName { get; }

    public IReadOnlyCollection<IMusicEngine> All => _engines.Values;

    public IMusicEngine? Find(string? name) => _engines.GetValueOrDefault(name ?? DefaultName);

    public string EngineNameFor(GenerationRequest request) => Find(request.Model)?.Name ?? request.Model ?? DefaultName;

    public EngineOffer OfferOf(IMusicEngine engine)
    {
        var availability = engine.Availability;
        var caps = engine.Capabilities;
        return new EngineOffer(engine.Name, availability.IsAvailable, availability.Reason, caps.Tasks.Order().ToArray(),
            caps.MaxDurationSeconds, caps.MaxBatchSize, caps.Description);
    }
}
