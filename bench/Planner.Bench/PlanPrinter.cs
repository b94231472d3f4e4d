using System.Globalization;
using AudioMusic.Domain;
using AudioMusic.Planner.Knowledge;

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

    public static void PrintGenreTable()
    {
        Console.WriteLine("| genre | caption tag | preset | bpm | modes | meters | typical length | words that name it |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var g in GenreCatalog.All)
        {
            var flags = (g.LeansInstrumental ? " (instrumental unless a voice is asked for)" : "") + (g.IsRap ? " (rap)" : "");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {g.Id}{flags} | {g.Tag} | {g.PresetSlug} | {g.MinBpm}–{g.MaxBpm} | {string.Join(", ", g.Modes).ToLowerInvariant()} | {string.Join(", ", g.Meters)} | {g.TypicalDurationSeconds:0} s | {string.Join(", ", g.Aliases)} |"));
        }
    }
}
