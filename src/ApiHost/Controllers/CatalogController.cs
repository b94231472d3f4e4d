using AudioMusic.ApiHost.Contracts;
using AudioMusic.Domain;
using AudioMusic.Grains;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Controllers;

/// <summary>What the service offers: genre presets, engines, devices and the queue.</summary>
[ApiController]
[Route("api/v1/music")]
public sealed class CatalogController : ControllerBase
{
    private readonly IGrainFactory _grains;

    public CatalogController(IGrainFactory grains) => _grains = grains;

    /// <summary>The genre presets with their caption tags and default tempo, key and meter ranges.</summary>
    [HttpGet("presets")]
    [ProducesResponseType<IReadOnlyList<PresetDto>>(StatusCodes.Status200OK)]
    public IActionResult Presets() => Ok(new { Presets = GenrePresets.All.Select(JobMapper.ToDto).ToList() });

    /// <summary>Devices, engines (and where each can run), queue depth and running jobs.</summary>
    [HttpGet("model/status")]
    public async Task<IActionResult> ModelStatus()
    {
        var status = await _grains.GetGrain<IJobQueueGrain>("default").GetStatus();
        var engines = status.Devices
            .SelectMany(d => d.Device.Engines.Select(e => (Device: d.Device.DeviceKey, Engine: e)))
            .GroupBy(x => x.Engine.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var offer = g.First().Engine;
                return new
                {
                    offer.Name,
                    offer.Description,
                    Tasks = offer.Tasks.Select(t => t.ToWire()).ToList(),
                    MaxDuration = offer.MaxDurationSeconds,
                    offer.MaxBatchSize,
                    AvailableOn = g.Where(x => x.Engine.Available).Select(x => x.Device).ToList(),
                    UnavailableReasons = g.Where(x => !x.Engine.Available).Select(x => x.Engine.UnavailableReason).Distinct().ToList(),
                };
            })
            .ToList();
        return Ok(new
        {
            Devices = status.Devices.Select(d => new
            {
                Key = d.Device.DeviceKey,
                d.Device.Silo,
                d.Device.Kind,
                d.Device.Description,
                MemoryBudgetMb = d.Device.MemoryBudgetBytes / (1024 * 1024),
                d.State,
                RunningJob = d.RunningJobId,
                d.RunningProgress,
                d.CompletedJobs,
                d.FailedJobs,
                Formats = d.Device.Formats.Select(f => f.ToWire()).ToList(),
            }).ToList(),
            Engines = engines,
            Queue = new { Depth = status.QueueDepth, status.QueueCapacity },
            RunningJobs = status.RunningJobs,
        });
    }
}
