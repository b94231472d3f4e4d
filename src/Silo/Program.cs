using AudioMusic.Grains.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddAudioMusic(builder.Configuration));
using var host = builder.Build();
await host.RunAsync();
