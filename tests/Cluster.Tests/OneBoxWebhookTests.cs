using System.Net.Http.Json;
using System.Text.Json;
using AudioMusic.TestSupport;
using Xunit.Abstractions;

namespace AudioMusic.Cluster.Tests;

/// <summary>A webhook delivery that is waiting for its retry when the process holding it is killed with -9 is
/// delivered after the restart, under the same webhook-id, signed with the secret the one-box host made and kept in
/// its library folder.</summary>
public sealed class OneBoxWebhookTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly OneBoxLibrary _library = new("audiomusic-webhooks-");
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    [Fact]
    public async Task A_pending_retry_survives_kill_minus_nine_of_its_host()
    {
        try
        {
            _receiver.Answer = (_, _) => new WebhookAnswer(500);
            var first = Start();
            await first.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            var id = await first.SubmitAsync("prompt2instrumental",
                $$"""{"prompt": "durable webhook", "duration": 10, "seed": 77, "callback_url": "{{_receiver.Url}}"}""");
            var refused = await _receiver.WaitForAsync(r => r.Type == "job.completed", TimeSpan.FromSeconds(60), "job.completed");
            first.Process.Crash();

            _receiver.Answer = (_, _) => new WebhookAnswer(200);
            var second = Start();
            await second.WaitForReadyAsync(TimeSpan.FromSeconds(60));
            var taken = await _receiver.WaitForAsync(r => r.ReceivedAt > refused.ReceivedAt, TimeSpan.FromSeconds(60), "after the restart");

            Assert.Equal(refused.Id, taken.Id);
            Assert.Equal(refused.Body, taken.Body);
            var secret = (await File.ReadAllTextAsync(Path.Combine(_library.Path, "webhook-secret"))).Trim();
            Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
            Assert.True(refused.IsSignedWith(secret) && taken.IsSignedWith(secret));
            Assert.Equal(id, taken.Json.GetProperty("data").GetProperty("job").GetProperty("id").GetString());

            var deadline = DateTime.UtcNow.AddSeconds(30);
            JsonElement delivery;
            do
            {
                await Task.Delay(200);
                var history = await second.Http.GetFromJsonAsync<JsonElement>($"/api/v1/music/jobs/{id}/webhooks");
                delivery = history.GetProperty("deliveries")[0];
            }
            while (delivery.GetProperty("status").GetString() != "delivered" && DateTime.UtcNow < deadline);
            Assert.Equal("delivered", delivery.GetProperty("status").GetString());
            // The refused attempt is recorded unless the kill came between its answer and the write of its record.
            var codes = delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()).ToList();
            Assert.Contains(codes, c => c == 200);
            Assert.True(codes.SequenceEqual([500, 200]) || codes.SequenceEqual([200]), string.Join(", ", codes));
            Assert.Equal(2, _receiver.Received.Count);
        }
        catch
        {
            _library.WriteLogs(output);
            throw;
        }
    }

    private OneBoxHost Start() =>
        _library.Start("--Webhooks:AllowedHosts:0=127.0.0.1", "--Webhooks:RetryDelays:0=00:00:04", "--Webhooks:ReminderPeriod=00:00:02");

    public async Task DisposeAsync()
    {
        _library.Dispose();
        await _receiver.DisposeAsync();
    }
}
