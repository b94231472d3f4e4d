using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AudioMusic.ApiHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AudioMusic.Api.Tests;

/// <summary>The real API host (embedded default: Kestrel + co-hosted silo + built-in engine) on free loopback ports,
/// spoken to over real HTTP.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApiServer> StartAsync(IDictionary<string, string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var values = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Orleans:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = "api-test-" + Guid.NewGuid().ToString("N")[..8],
            ["Devices:CpuCount"] = "1",
            // Memory storage unless a test asks for the one-box library: tests must not touch the user's data folder.
            ["Storage:Provider"] = "Memory",
            ["Logging:LogLevel:Default"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }
        var args = values.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var app = ApiHostApp.Build(args, configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using (var plain = new HttpClient { BaseAddress = new Uri(address) })
        {
            var validator = new ContractValidator(await plain.GetStringAsync("/openapi/v1.json"));
            // Every answer a test receives is checked against the document the host serves.
            var client = new HttpClient(new ContractCheckingHandler(validator)) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
            return new ApiServer(app, client);
        }
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return Client.SendAsync(request);
    }

    public async Task<JsonElement> SubmitAsync(string route, string json)
    {
        using var response = await PostJsonAsync($"/api/v1/music/{route}", json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{route}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("job").Clone();
    }

    public async Task<JsonElement> StatusAsync(string id)
    {
        var response = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/music/jobs/{id}/status");
        return response.GetProperty("job").Clone();
    }

    public async Task<JsonElement> WaitForStatusAsync(string id, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        JsonElement job = default;
        while (DateTime.UtcNow < deadline)
        {
            job = await StatusAsync(id);
            var current = job.GetProperty("status").GetString();
            if (current == status)
            {
                return job;
            }
            if (current is "FAILED" && status != "FAILED")
            {
                throw new InvalidOperationException($"job failed: {job.GetProperty("error_message")}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"job {id} is still {job.GetProperty("status")} ({job.GetProperty("stage")}, {job.GetProperty("progress")}%)");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
