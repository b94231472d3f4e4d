using AudioMusic.ApiHost.Hosting;

WebApplication app;
try
{
    app = ApiHostApp.Build(args);
}
catch (AudioMusic.Storage.Local.LibraryException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
try
{
    await app.RunAsync();
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Another process (often a second copy of this host) holds the port: say so in one line, not a stack trace.
    Console.Error.WriteLine($"{ex.Message} Stop the other process or choose another address, e.g. --Urls=http://localhost:5081");
    return 2;
}
return 0;

/// <summary>Entry point; visible to tests that start the real host.</summary>
public partial class Program;
