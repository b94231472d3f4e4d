using System.Diagnostics;
using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Engines;
using AudioMusic.Engines.BuiltIn;

// Renders one job per task on the calling thread and prints seconds of audio per second of CPU (one core) and
// the process's peak working set. Run in Release: dotnet run -c Release --project bench/Engines.Bench
const string Lyrics = """
    [verse]
    The city lights are calling out my name
    I walk alone but nothing feels the same
    The morning comes and takes the dark away
    I find the words I never learned to say
    [chorus]
    We are the fire in the night
    Hold on, hold on, we will be alright
    We are the fire in the night
    Hold on, we will be alright
    [verse 2]
    The river runs where we were young and free
    The echoes of the things we used to be
    The summer fades, the autumn leaves are gold
    And every story waits for being told
    [chorus]
    We are the fire in the night
    Hold on, hold on, we will be alright
    [bridge]
    And if the stars should fall tonight
    I will be standing by your side
    [chorus]
    We are the fire in the night
    Hold on, hold on, we will be alright
    """;

var cases = new (string Name, GenerationRequest Request)[]
{
    ("song with vocals, 3 min", new() { Task = MusicTask.Text2Music, Caption = "upbeat pop, piano, female vocals", Lyrics = Lyrics, DurationSeconds = 180 }),
    ("instrumental, 3 min", new() { Task = MusicTask.Prompt2Instrumental, Caption = "energetic rock", Instrumental = true, DurationSeconds = 180 }),
    ("rap, 3 min", new() { Task = MusicTask.Text2Rap, Caption = "boom bap rap, male", Lyrics = Lyrics, DurationSeconds = 180 }),
    ("vocals only, 3 min", new() { Task = MusicTask.Lyric2Vocals, Lyrics = Lyrics, DurationSeconds = 180 }),
    ("loop, 8 s", new() { Task = MusicTask.Text2Samples, Caption = "house loop", SampleType = SampleType.Loop, DurationSeconds = 8 }),
    ("one-shot, 1.5 s", new() { Task = MusicTask.Text2Samples, Caption = "piano stab", SampleType = SampleType.OneShot }),
};

var engine = new BuiltInEngine();
var device = new DeviceDescriptor("cpu-0", DeviceKind.Cpu, 0, 0, "bench");
// Warm-up: JIT the whole pipeline once so the figures measure rendering, not compilation.
engine.GenerateAsync(new EngineJob("warm", cases[0].Request with { DurationSeconds = 12 }, [1], device), new Progress<EngineProgress>(), default).GetAwaiter().GetResult();

// Each case is rendered several times and the median is reported: a serving node renders song after song, so the
// steady state (all code at its final JIT tier, caches warm) is what an operator plans with.
var repeats = Option("--repeat") is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : 3;
// --task narrows the run to the tasks whose name starts with it (for profiling one task).
var only = Option("--task");
var ci = CultureInfo.InvariantCulture;
Console.WriteLine($"{"task",-26} {"audio s",8} {"cpu s",7} {"RTF (x)",8} {"peak MB",8}   (median of {repeats} renders)");
foreach (var (name, request) in cases.Where(c => only is null || c.Name.StartsWith(only, StringComparison.Ordinal)))
{
    var cpuSeconds = new List<double>();
    var seconds = 0.0;
    var process = Process.GetCurrentProcess();
    for (var run = 0; run < repeats; run++)
    {
        GC.Collect();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var result = engine.GenerateAsync(new EngineJob(name, request, [7], device), new Progress<EngineProgress>(), default).GetAwaiter().GetResult();
        process.Refresh();
        cpuSeconds.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
        seconds = result.Variations[0].Audio.DurationSeconds;
    }
    var cpu = cpuSeconds.Order().ElementAt(cpuSeconds.Count / 2);
    Console.WriteLine(string.Create(ci, $"{name,-26} {seconds,8:F1} {cpu,7:F2} {seconds / cpu,8:F1} {process.PeakWorkingSet64 / 1e6,8:F0}"));
}
Console.WriteLine("RTF = seconds of audio per second of CPU time of this process (one core; the engine is single-threaded).");
Console.WriteLine("peak MB = the process's peak working set so far (the runtime included), so it only grows down the table.");

string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
