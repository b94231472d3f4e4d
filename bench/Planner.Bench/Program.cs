using System.Diagnostics;
using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Planner;

// Usage:
//   dotnet run -c Release --project bench/Planner.Bench               plans per second, one thread
//   dotnet run -c Release --project bench/Planner.Bench -- --examples  example plans as Markdown (docs/planner.md)
//   dotnet run -c Release --project bench/Planner.Bench -- --plan "a sad waltz about rain" [seed]
//   dotnet run -c Release --project bench/Planner.Bench -- --genres    the genre table as Markdown
var planner = new RuleBasedSongPlanner();

if (args.Length > 0 && args[0] == "--genres")
{
    PlanPrinter.PrintGenreTable();
    return;
}

if (args.Length > 0 && args[0] == "--examples")
{
    foreach (var (query, seed) in ExampleQueries.All)
    {
        PlanPrinter.PrintMarkdown(query, seed, planner.Plan(Simple(query), seed));
    }
    return;
}
if (args.Length > 1 && args[0] == "--plan")
{
    var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
    PlanPrinter.PrintMarkdown(args[1], seed, planner.Plan(Simple(args[1]), seed));
    return;
}

var requests = ExampleQueries.All.Select(e => Simple(e.Query)).ToArray();
// Warm up the lexicons, pronunciation table and template caches before timing.
for (var i = 0; i < 2_000; i++)
{
    planner.Plan(requests[i % requests.Length], i);
}
// Wall-clock rate is what one idle core delivers; CPU-time rate stays honest on a shared, loaded machine.
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var stopwatch = Stopwatch.StartNew();
var plans = 0;
var lyricChars = 0L;
while (stopwatch.Elapsed < TimeSpan.FromSeconds(5))
{
    var plan = planner.Plan(requests[plans % requests.Length], plans);
    lyricChars += plan.Lyrics?.Length ?? 0;
    plans++;
}
stopwatch.Stop();
process.Refresh();
var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{planner.Name}: {plans / stopwatch.Elapsed.TotalSeconds:0} plans/s wall clock, {plans / cpuSeconds:0} plans per CPU-second, one thread ({plans} plans over {requests.Length} queries in {stopwatch.Elapsed.TotalSeconds:0.0} s, mean lyrics {lyricChars / Math.Max(plans, 1)} chars)"));

static GenerationRequest Simple(string query) => new() { Task = MusicTask.Simple, Query = query };
