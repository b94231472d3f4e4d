using AudioMusic.ApiHost.Hosting;

var app = ApiHostApp.Build(args);
await app.RunAsync();

/// <summary>Entry point; visible to tests that start the real host.</summary>
public partial class Program;
