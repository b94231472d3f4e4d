using AudioMusic.Contracts;

namespace AudioMusic.ApiHost.OpenApi;

public static class OpenApiSetup
{
    /// <summary>The OpenAPI document at /openapi/v1.json. Its schemas are generated with the HTTP JSON options, not MVC's,
    /// so those get the API's own settings too: without them every property would be declared camelCase while the wire
    /// is snake_case.</summary>
    public static IServiceCollection AddAudioMusicOpenApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        return services.AddOpenApi(o => o.AddDocumentTransformer<ContractTransformer>().AddDocumentTransformer<AccessContract>());
    }
}
