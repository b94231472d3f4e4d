namespace AudioMusic.Domain;

[GenerateSerializer]
public enum JobStatus
{
    Pending,
    Processing,
    Completed,
    Failed,
    Cancelled,
}

public static class JobStatusNames
{
    public static string ToWire(this JobStatus status) => status.ToString().ToUpperInvariant();

    public static bool IsTerminal(this JobStatus status) =>
        status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    public static bool TryParse(string? text, out JobStatus status) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out status) && Enum.IsDefined(status);
}
