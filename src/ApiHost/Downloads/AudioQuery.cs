using Microsoft.AspNetCore.Mvc;

namespace AudioMusic.ApiHost.Downloads;

/// <summary>The query of an audio download, as text: <see cref="AudioDownloads"/> validates it and names the field at fault.</summary>
public sealed record AudioQuery
{
    [FromQuery(Name = "index")]
    public string? Index { get; init; }

    [FromQuery(Name = "format")]
    public string? Format { get; init; }

    [FromQuery(Name = "bitrate")]
    public string? Bitrate { get; init; }

    [FromQuery(Name = "sample_rate")]
    public string? SampleRate { get; init; }
}
