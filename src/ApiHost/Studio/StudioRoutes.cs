using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace AudioMusic.ApiHost.Studio;

/// <summary>The studio: a web page at <c>/studio/</c> that makes music on the public API. Its files are embedded in this
/// assembly (Studio/site), so both hosting modes serve them with nothing beside the binary. <c>/</c> leads there.
/// <c>Studio:Enabled=false</c> turns it off (an API-only deployment).</summary>
public static class StudioRoutes
{
    public const string Path = "/studio";

    /// <summary>The page may load only what this host serves: its own files, the API, and the audio it fetched as blobs.
    /// The browser enforces it, so a stray external reference fails loudly instead of leaking a request.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
        "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static void Map(WebApplication app, IConfiguration configuration)
    {
        if (!configuration.GetValue("Studio:Enabled", true))
        {
            return;
        }
        var files = new ManifestEmbeddedFileProvider(typeof(StudioRoutes).Assembly, "Studio/site");
        var path = new PathString(Path);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(path), studio => studio
            .Use((context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Revalidate every time (the ETag makes that a 304): a host upgrade never leaves an old script cached.
                headers.CacheControl = "no-cache";
                return next(context);
            })
            .UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = path })
            .UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = path, ContentTypeProvider = new FileExtensionContentTypeProvider() }));
        app.MapGet("/", () => Results.Redirect(Path + "/")).ExcludeFromDescription();
    }
}
