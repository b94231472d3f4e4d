using System.Diagnostics;
using System.Text.Json;
using AudioMusic.TestSupport;

namespace AudioMusic.Engines.AceStep.Tests;

/// <summary>build/TorchSharp.targets: which libtorch each executable carries when nobody says (CUDA on a machine with
/// an NVIDIA driver, else the project's own default), and the record of it that the running executable reads.</summary>
public sealed class TorchBackendTests
{
    private const string DriverProbe = "/proc/driver/nvidia/version";

    [Fact]
    public void This_test_executable_knows_the_libtorch_it_was_built_with()
    {
        // This project imports the targets without a default of its own, like the silo.
        Assert.Equal(File.Exists(DriverProbe) ? "cuda" : "cpu", AcceleratorBuild.TorchBackend);
    }

    [Theory]
    [InlineData("src/ApiHost/ApiHost.csproj", true, null, "cuda")]
    [InlineData("src/ApiHost/ApiHost.csproj", false, null, "none")]
    [InlineData("src/Silo/Silo.csproj", true, null, "cuda")]
    [InlineData("src/Silo/Silo.csproj", false, null, "cpu")]
    [InlineData("src/ApiHost/ApiHost.csproj", true, "cpu", "cpu")]
    [InlineData("src/Silo/Silo.csproj", false, "none", "none")]
    public async Task Auto_picks_cuda_where_an_NVIDIA_driver_is_and_the_project_default_elsewhere(string project, bool driver, string? asked, string expected)
    {
        var probe = Path.Combine(Path.GetTempPath(), $"nvidia-version-{Guid.NewGuid():N}");
        if (driver)
        {
            await File.WriteAllTextAsync(probe, "NVRM version: test");
        }
        try
        {
            List<string> arguments = ["msbuild", project, "-getProperty:TorchBackend", $"-p:NvidiaDriverProbe={probe}"];
            if (asked is not null)
            {
                arguments.Add($"-p:TorchBackend={asked}");
            }
            var (exit, output) = await DotnetAsync(arguments);
            Assert.True(exit == 0, output);
            Assert.Equal(expected, output.Trim());
        }
        finally
        {
            File.Delete(probe);
        }
    }

    [Theory]
    [InlineData("cpu", "TorchSharp-cpu")]
    [InlineData("cuda", "TorchSharp-cuda-linux")]
    public async Task Libtorch_stays_with_the_executable_and_does_not_flow_to_projects_that_reference_it(string backend, string package)
    {
        // The test projects that host the API reference it; with libtorch flowing to them, they would load CUDA
        // libtorch on a GPU machine and run unlike everywhere else.
        var (exit, output) = await DotnetAsync(["msbuild", "src/ApiHost/ApiHost.csproj", "-getItem:PackageReference", $"-p:TorchBackend={backend}"]);
        Assert.True(exit == 0, output);
        var references = JsonDocument.Parse(output).RootElement.GetProperty("Items").GetProperty("PackageReference").EnumerateArray();
        var libtorch = Assert.Single(references, r => r.GetProperty("Identity").GetString()!.StartsWith("TorchSharp-", StringComparison.Ordinal));
        Assert.Equal(package, libtorch.GetProperty("Identity").GetString());
        Assert.Equal("all", libtorch.GetProperty("PrivateAssets").GetString());
    }

    [Fact]
    public async Task An_unknown_backend_stops_the_build_naming_the_choices()
    {
        var (exit, output) = await DotnetAsync(["msbuild", "src/Silo/Silo.csproj", "-t:CheckTorchBackend", "-p:TorchBackend=gpu", "-nologo", "-nodeReuse:false"]);
        Assert.NotEqual(0, exit);
        Assert.Contains("TorchBackend must be auto, cpu, cuda or none; it is 'gpu'", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> DotnetAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Checkout.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
