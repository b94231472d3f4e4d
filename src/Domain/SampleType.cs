namespace AudioMusic.Domain;

[GenerateSerializer]
public enum SampleType
{
    Loop,
    OneShot,
}

public static class SampleTypeNames
{
    public static string ToWire(this SampleType type) => type == SampleType.Loop ? "loop" : "one-shot";

    public static bool TryParse(string? text, out SampleType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "loop":
                type = SampleType.Loop;
                return true;
            case "one-shot" or "oneshot" or "one_shot":
                type = SampleType.OneShot;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
