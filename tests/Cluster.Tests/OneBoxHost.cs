using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AudioMusic.Cluster.Tests;

/// <summary>The README's first command as a real process: the embedded API host keeping its library (SQLite and audio
/// files) in <see cref="LibraryDirectory"/>, on a free loopback port.</summary>
public sealed class OneBoxHost : IDisposable
{
    private OneBoxHost(HostProcess process, int port)
    {
        Process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HostProcess Process { get; }

    public HttpClient Http { get; }

    public static OneBoxHost Start(string libraryDirectory, params string[] settings)
    {
        var port = FreePort();
        var process = HostProcess.Start($"onebox-{port}", BuildOutputs.ApiHostDll,
            [$"--Storage:DataDirectory={libraryDirectory}", $"--urls=http://127.0.0.1:{port}", "--Devices:CpuCount=1", .. settings]);
        return new OneBoxHost(process, port);
    }

    public async Task WaitForReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.False(Process.HasExited, "the host exited:\n" + Process.Log);
            Assert.True(DateTime.UtcNow < deadline, $"the host was not ready within {timeout}:\n{Process.Log}");
            await Task.Delay(250);
        }
    }

    public async Task<string> SubmitAsync(string route, string json)
    {
        using var response = await Http.PostAsync($"/api/v1/music/{route}", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{route}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("job").GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> JobAsync(string id)
    {
        using var response = await Http.GetAsync($"/api/v1/music/jobs/{id}/status");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"status of {id}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("job").Clone();
    }

    public async Task<JsonElement> WaitForStatusAsync(string id, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await JobAsync(id);
            if (job.GetProperty("status").GetString() == status)
            {
                return job;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{id} is {job.GetProperty("status")} after {timeout}, not {status}:\n{Process.Log}");
            await Task.Delay(100);
        }
    }

    public async Task<byte[]> DownloadAsync(string id)
    {
        using var response = await Http.GetAsync($"/api/v1/music/jobs/{id}/audio");
        Assert.True(response.IsSuccessStatusCode, $"audio of {id}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
    }
}
