using Microsoft.Extensions.Configuration;

namespace AudioMusic.Silo.Commands;

/// <summary>The configuration a command verb sees: the silo's appsettings.json, environment variables, then the
/// arguments after the verb (and its operand), the same sources the silo itself reads.</summary>
internal static class CommandConfiguration
{
    public static IConfiguration Build(string[] settings) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings)
            .Build();
}
