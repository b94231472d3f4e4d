namespace AudioMusic.ApiHost.Controllers;

/// <summary>What every job route does with the id in its path.</summary>
internal static class JobIds
{
    /// <summary>Job ids are GUIDs; anything else cannot name a job, and must not activate a grain.</summary>
    public static bool IsValid(string id) => Guid.TryParseExact(id, "D", out _);

    public static Microsoft.AspNetCore.Mvc.ObjectResult NotFound(string id) =>
        Problems.Problems.NotFound($"no job with id '{(id.Length > 64 ? id[..64] + "…" : id)}'");
}
