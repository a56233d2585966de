using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workflows.Host.Health;

/// <summary>Writes <c>{"status":"Healthy","store":"reachable"}</c>; never exception text, which could disclose paths
/// or connection details to an anonymous caller (the health check service logs it instead).</summary>
internal static class HealthResponseWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        bool storeHealthy = report.Entries.TryGetValue(DurableStoreHealthCheck.Name, out HealthReportEntry store) && store.Status == HealthStatus.Healthy;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteString("store", storeHealthy ? "reachable" : "unreachable");
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
