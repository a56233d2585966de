using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Workflows.Functions.Hosting;

/// <summary>Registers OpenTelemetry traces and metrics of the durable task engine and ASP.NET Core, exported over OTLP.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The configuration key of the OTLP endpoint; it wins over <see cref="StandardEndpointKey"/>.</summary>
    public const string EndpointKey = "Telemetry:OtlpEndpoint";

    /// <summary>The standard OpenTelemetry environment variable (or configuration key) of the OTLP endpoint.</summary>
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The service name reported with every span and metric.</summary>
    public const string ServiceName = "Workflows.Functions";

    /// <summary>The activity sources of the Durable Task stack: DurableTask.Core's (orchestrations, activities, timers)
    /// and Microsoft.DurableTask's.</summary>
    public static readonly IReadOnlyList<string> DurableTaskSources = ["DurableTask.Core", "Microsoft.DurableTask"];

    /// <summary>Adds OpenTelemetry tracing for <see cref="DurableTaskSources"/> and ASP.NET Core, and metrics of ASP.NET Core, exported over OTLP, when <see cref="EndpointKey"/> or
    /// <see cref="StandardEndpointKey"/> is set; otherwise registers nothing, so nothing is collected or exported.</summary>
    /// <remarks>With <see cref="EndpointKey"/> the protocol is gRPC unless <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> is
    /// <c>http/protobuf</c>; with <see cref="StandardEndpointKey"/> the exporter reads all its standard variables.</remarks>
    public static IServiceCollection AddHostTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        string? configured = configuration[EndpointKey];
        string? standard = configuration[StandardEndpointKey];
        if (string.IsNullOrWhiteSpace(configured) && string.IsNullOrWhiteSpace(standard))
        {
            return services;
        }

        OpenTelemetryBuilder telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t
                .AddSource([.. DurableTaskSources])
                .AddSource("Microsoft.AspNetCore"))
            .WithMetrics(m => m
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics"));

        if (string.IsNullOrWhiteSpace(configured))
        {
            telemetry.UseOtlpExporter();
            return services;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out Uri? endpoint))
        {
            throw new InvalidOperationException($"{EndpointKey} must be an absolute URI such as http://localhost:4317; it is '{configured}'.");
        }

        OtlpExportProtocol protocol = string.Equals(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        telemetry.UseOtlpExporter(protocol, endpoint);
        return services;
    }
}
