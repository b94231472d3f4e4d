using System.Text.Json;
using AudioMusic.Domain;
using AudioMusic.Grains.Webhooks;

namespace AudioMusic.ApiHost.Webhooks;

/// <summary>Reads <c>callback_url</c> and <c>webhook_events_filter</c> from a generation body: the URL must pass the
/// <see cref="CallbackUrlPolicy"/> (its host is resolved here, once), the filter must be a list of known event names.
/// A filter without a URL is refused, since it would silently do nothing.</summary>
public sealed class WebhookFields(CallbackUrlPolicy policy, WebhookSigner signer)
{
    public const string UrlField = "callback_url";
    public const string FilterField = "webhook_events_filter";

    public static IReadOnlyList<string> Names { get; } = [UrlField, FilterField];

    /// <summary>Reads the webhook fields; <paramref name="tenantSigned"/>: the caller has a tenant, whose own secret signs
    /// its deliveries, so <c>Webhooks:Secret</c> is not needed.</summary>
    public async Task<(WebhookSubscription? Subscription, IReadOnlyList<FieldError> Errors)> ReadAsync(JsonElement body, bool tenantSigned, CancellationToken cancellationToken)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, []);
        }
        var errors = new List<FieldError>();
        var events = ReadFilter(body, errors);
        if (!body.TryGetProperty(UrlField, out var urlValue) || urlValue.ValueKind == JsonValueKind.Null)
        {
            if (events is not null)
            {
                errors.Add(new FieldError(FilterField, $"needs a {UrlField} to deliver to"));
            }
            return (null, errors);
        }
        if (urlValue.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(UrlField, "must be a string"));
            return (null, errors);
        }
        var url = urlValue.GetString()!;
        if (!tenantSigned && !signer.IsConfigured)
        {
            errors.Add(new FieldError(UrlField, "is not accepted: this service has no webhook signing secret (Webhooks:Secret)"));
        }
        else if (await policy.WhyRefusedAsync(url, cancellationToken) is { } why)
        {
            errors.Add(new FieldError(UrlField, why));
        }
        return errors.Count == 0 ? (new WebhookSubscription(url, events ?? WebhookEvents.Default), errors) : (null, errors);
    }

    private static IReadOnlyList<string>? ReadFilter(JsonElement body, List<FieldError> errors)
    {
        if (!body.TryGetProperty(FilterField, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(FilterField, $"must be a list of event names ({string.Join(", ", WebhookEvents.Names)})"));
            return null;
        }
        var names = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (name is null || !WebhookEvents.Names.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(new FieldError(FilterField, $"has {(name is null ? "a value that is not a string" : $"'{Truncate(name)}'")}; event names are {string.Join(", ", WebhookEvents.Names)}"));
                return null;
            }
            if (names.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(new FieldError(FilterField, $"lists '{name}' twice"));
                return null;
            }
            names.Add(name);
        }
        if (names.Count == 0)
        {
            errors.Add(new FieldError(FilterField, "must name at least one event (leave it out for completed, failed and cancelled)"));
            return null;
        }
        return names;
    }

    private static string Truncate(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
