using AudioMusic.Storage.Local;
using Microsoft.Extensions.Options;

namespace AudioMusic.Grains.Webhooks;

/// <summary>The one-box default signs webhooks without any set-up: when <c>Webhooks:Secret</c> is unset, a secret is
/// made once and kept in the library folder (<c>webhook-secret</c>, readable by its owner only), so receivers keep
/// verifying across restarts. A receiver reads it from there.</summary>
public sealed class LibraryWebhookSecret(LocalLibrary library) : IPostConfigureOptions<WebhookOptions>
{
    public const string FileName = "webhook-secret";

    public void PostConfigure(string? name, WebhookOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Secret))
        {
            return;
        }
        var path = Path.Combine(library.Directory, FileName);
        if (!File.Exists(path))
        {
            var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var writer = new StreamWriter(path, file);
            writer.Write(WebhookSigner.NewSecret());
        }
        options.Secret = File.ReadAllText(path).Trim();
    }
}
