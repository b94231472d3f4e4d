using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AudioMusic.Grains.Webhooks;

public static class WebhookServices
{
    /// <summary>Configuration section "Webhooks", the URL policy the API host checks submits with, and the signer and
    /// sender of the silo's delivery grains.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        // A malformed secret stops the host at start with this message, instead of failing the first submit with a
        // callback_url or every delivery.
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection("Webhooks"))
            .Validate(o => WebhookSigner.IsValidSecret(o.Secret), "Webhooks:Secret must be 'whsec_' followed by the base64 of at least 24 random bytes (or unset).")
            .ValidateOnStart();
        services.TryAddSingleton<CallbackUrlPolicy>();
        services.TryAddSingleton<WebhookSigner>();
        services.TryAddSingleton<WebhookSender>();
        return services;
    }
}
