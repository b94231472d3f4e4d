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
        services.Configure<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.TryAddSingleton<CallbackUrlPolicy>();
        services.TryAddSingleton<WebhookSigner>();
        services.TryAddSingleton<WebhookSender>();
        return services;
    }
}
