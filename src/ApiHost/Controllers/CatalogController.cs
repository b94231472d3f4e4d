using AudioMusic.Contracts;
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
    [ProducesResponseType<PresetListDto>(StatusCodes.Status200OK)]
    public IActionResult Presets() => Ok(new PresetListDto(GenrePresets.All.Select(JobMapper.ToDto).ToList()));

    /// <summary>Devices, engines (and where each can run), queue depth and running jobs.</summary>
    [HttpGet("model/status")]
    [ProducesResponseType<ModelStatusDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> ModelStatus()
    {
        var status = await _grains.GetGrain<IJobQueueGrain>("default").GetStatus();
        var engines = status.Devices
            .SelectMany(d => d.Device.Engines.Select(e => (Device: d.Device.DeviceKey, Engine: e)))
            .GroupBy(x => x.Engine.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var offer = g.First().Engine;
                return new EngineDto(offer.Name, offer.Description, offer.Tasks.Select(t => t.ToWire()).ToList(), offer.MaxDurationSeconds,
                    offer.MaxBatchSize, g.Where(x => x.Engine.Available).Select(x => x.Device).ToList(),
                    g.Where(x => !x.Engine.Available).Select(x => x.Engine.UnavailableReason).Distinct().ToList());
            })
            .ToList();
        var devices = status.Devices.Select(d => new DeviceDto(d.Device.DeviceKey, d.Device.Silo, d.Device.Kind, d.Device.Description,
            d.Device.MemoryBudgetBytes / (1024 * 1024), d.State, d.RunningJobId, d.RunningProgress, d.CompletedJobs, d.FailedJobs,
            d.Device.Formats.Select(f => f.ToWire()).ToList())).ToList();
        return Ok(new ModelStatusDto(devices, engines, new QueueDto(status.QueueDepth, status.QueueCapacity), status.RunningJobs));
    }
}
