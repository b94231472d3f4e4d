using AudioMusic.ApiHost.Access;
using AudioMusic.ApiHost.Controllers;
using AudioMusic.ApiHost.Resilience;
using AudioMusic.Contracts;
using AudioMusic.Grains;
using AudioMusic.Grains.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Webhooks;

/// <summary>A job's webhook deliveries and every attempt of each, so a client can see why its receiver heard nothing.</summary>
[ApiController]
public sealed class JobWebhooksController : ControllerBase
{
    private readonly IGrainFactory _grains;
    private readonly ClusterReads _reads;
    private readonly JobLookup _jobs;

    public JobWebhooksController(IGrainFactory grains, ClusterReads reads, JobLookup jobs)
    {
        _grains = grains;
        _reads = reads;
        _jobs = jobs;
    }

    [HttpGet("api/v1/music/jobs/{id}/webhooks")]
    [ProducesResponseType<JobWebhooksDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string id)
    {
        var aborted = HttpContext.RequestAborted;
        var webhooks = await _jobs.IsVisibleAsync(id, HttpContext.Caller(), aborted) ? await _reads.RunAsync(() => _grains.GetGrain<IJobGrain>(id).GetWebhooks(), aborted) : null;
        if (webhooks is null)
        {
            return JobIds.NotFound(id);
        }
        var views = await Task.WhenAll(webhooks.DeliveryIds.Select(deliveryId =>
            _reads.RunAsync(() => _grains.GetGrain<IWebhookDeliveryGrain>(deliveryId).GetView(), aborted)));
        return Ok(WebhookMapper.ToDto(id, webhooks.Subscription, views.OfType<WebhookDeliveryView>()));
    }
}
