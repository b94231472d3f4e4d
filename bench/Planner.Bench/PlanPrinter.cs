using System.Globalization;
using AudioMusic.Domain;

internal static class PlanPrinter
{
    public static void PrintMarkdown(string query, int seed, SongPlan plan)
    {
        Console.WriteLine($"### \"{query}\" (seed {seed})");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- task `{plan.Task.ToWire()}`, preset `{plan.GenrePreset}`, {plan.Bpm} bpm, {plan.Key}, {plan.TimeSignature}, {plan.DurationSeconds:0} s, vocal language `{plan.VocalLanguage}`, instrumental {plan.Instrumental.ToString().ToLowerInvariant()}"));
        Console.WriteLine($"- caption: {plan.Caption}");
        foreach (var note in plan.Notes)
        {
            Console.WriteLine($"- note: {note}");
        }
        if (plan.Lyrics is { } lyrics)
        {
            Console.WriteLine();
            Console.WriteLine("```");
            Console.WriteLine(lyrics);
            Console.WriteLine("```");
        }
        Console.WriteLine();
    }
}
