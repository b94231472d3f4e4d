using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AudioMusic.Grains.Telemetry;

/// <summary>The service's own meter and activity source, both named <see cref="Name"/>. Instruments are named
/// <c>audiomusic.*</c> (Prometheus shows them as <c>audiomusic_*</c>); docs/operations.md says what each means.
/// Process-wide, as the runtime's own meters are: one process is one silo or one API host.</summary>
public static class AudioMusicTelemetry
{
    public const string Name = "AudioMusic";

    public static readonly Meter Meter = new(Name, "1.0");

    public static readonly ActivitySource Source = new(Name, "1.0");
}
