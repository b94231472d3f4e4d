using System.Globalization;

namespace AudioMusic.ApiHost.Downloads;

/// <summary>One satisfiable byte range of an HTTP Range header (RFC 9110 §14.1.2).</summary>
public readonly record struct ByteRange(long Start, long Length)
{
    public long End => Start + Length - 1;

    /// <summary>Parses a Range header for a resource of <paramref name="total"/> bytes. Returns null when the header
    /// is absent, is not a single bytes range, or is malformed (the whole resource is then served, as the RFC allows);
    /// sets <paramref name="unsatisfiable"/> when it asks only for bytes past the end.</summary>
    public static ByteRange? Parse(string? header, long total, out bool unsatisfiable)
    {
        unsatisfiable = false;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var spec = header[6..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }
        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // Suffix range: the last N bytes.
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix))
            {
                return null;
            }
            if (suffix == 0 || total == 0)
            {
                unsatisfiable = true;
                return null;
            }
            var length = Math.Min(suffix, total);
            return new ByteRange(total - length, length);
        }
        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }
        long end = total - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start)
            {
                return null;
            }
        }
        if (start >= total)
        {
            unsatisfiable = true;
            return null;
        }
        end = Math.Min(end, total - 1);
        return new ByteRange(start, end - start + 1);
    }
}
