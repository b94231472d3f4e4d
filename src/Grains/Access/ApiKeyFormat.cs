using System.Security.Cryptography;
using System.Text;

namespace AudioMusic.Grains.Access;

/// <summary>Keys look like <c>am_0123456789abcdef_&lt;43 characters&gt;</c>: a visible prefix (so a leaked key is
/// recognisable by secret scanners), the key's id (16 hex digits, shown in listings and logs), and 256 random bits,
/// base64url. Only the SHA-256 of the whole key is stored.</summary>
public static class ApiKeyFormat
{
    public const string Prefix = "am_";
    private const int IdLength = 16;
    private const int SecretLength = 43;
    public const int Length = 3 + IdLength + 1 + SecretLength;

    public static (string Id, string Key) NewKey()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The key's id when the text has a key's shape; nothing else is parsed out of an untrusted header.</summary>
    public static bool TryGetId(string key, out string id)
    {
        id = "";
        if (key.Length != Length || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[3 + IdLength] != '_')
        {
            return false;
        }
        var candidate = key.AsSpan(3, IdLength);
        if (candidate.ContainsAnyExcept(HexDigits) || key.AsSpan(4 + IdLength).ContainsAnyExcept(Base64UrlCharacters))
        {
            return false;
        }
        id = candidate.ToString();
        return true;
    }

    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Compares a presented key with a stored hash in constant time.</summary>
    public static bool Matches(string key, string sha256Hex) =>
        sha256Hex.Length == 64 && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sha256Hex(key)), Encoding.ASCII.GetBytes(sha256Hex.ToLowerInvariant()));

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static readonly System.Buffers.SearchValues<char> Base64UrlCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
