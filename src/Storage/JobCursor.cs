using System.Globalization;
using System.Text;

namespace AudioMusic.Storage;

/// <summary>An opaque position in the newest-first job listing: the (created_at, job id) of the last entry seen.</summary>
public readonly record struct JobCursor(DateTimeOffset CreatedAt, string JobId)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.UtcTicks}:{JobId}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? text, out JobCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return false;
        }
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var raw = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !long.TryParse(raw[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }
            cursor = new JobCursor(new DateTimeOffset(ticks, TimeSpan.Zero), raw[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="entry"/> comes after this cursor in newest-first order.</summary>
    public bool Precedes(JobIndexEntry entry) =>
        entry.CreatedAt < CreatedAt || (entry.CreatedAt == CreatedAt && string.CompareOrdinal(entry.JobId, JobId) < 0);
}
