using System.Text.Json;
using AudioMusic.Grains;
using AudioMusic.Grains.Events;

namespace AudioMusic.Contracts;

/// <summary>The body of a webhook delivery, in the Standard Webhooks shape: the event's type, when it happened, and
/// as <c>data</c> the same object a server-sent event carries (the event's fields and the job as GET status shows it).</summary>
public sealed record WebhookPayloadDto(string Type, DateTimeOffset Timestamp, JobEventDto Data);

public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = CreateOptions();

    public static string Serialize(JobEvent e, JobView? job) =>
        JsonSerializer.Serialize(new WebhookPayloadDto(e.Type, e.At, EventMapper.ToDto(e, job)), Json);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        return options;
    }
}
