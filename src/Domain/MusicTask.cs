namespace AudioMusic.Domain;

/// <summary>What a job asks for. <see cref="Simple"/> is planned into <see cref="Text2Music"/> or
/// <see cref="Prompt2Instrumental"/> before an engine sees it.</summary>
[GenerateSerializer]
public enum MusicTask
{
    Text2Music,
    Prompt2Instrumental,
    Text2Rap,
    Lyric2Vocals,
    Text2Samples,
    Simple,
}

public static class MusicTaskNames
{
    private static readonly Dictionary<MusicTask, string> Names = new()
    {
        [MusicTask.Text2Music] = "text2music",
        [MusicTask.Prompt2Instrumental] = "prompt2instrumental",
        [MusicTask.Text2Rap] = "text2rap",
        [MusicTask.Lyric2Vocals] = "lyric2vocals",
        [MusicTask.Text2Samples] = "text2samples",
        [MusicTask.Simple] = "simple",
    };

    public static IReadOnlyCollection<string> All => Names.Values;

    public static string ToWire(this MusicTask task) => Names[task];

    public static bool TryParse(string? text, out MusicTask task)
    {
        foreach (var (key, name) in Names)
        {
            if (string.Equals(name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                task = key;
                return true;
            }
        }
        task = default;
        return false;
    }
}
