using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json.Nodes;
using DurableTask.Core;

namespace Workflows.Benchmarks.Profiling;

/// <summary>With <c>--profile</c>, stands in for the provider's service and counts and times every call the worker and
/// the client make on it (an async call until its task ends, so a long poll's wait for work counts as its time).
/// Calls made through an extended session object go straight to the provider and are not seen here.</summary>
public class ProfilingProxy : DispatchProxy
{
    private readonly ConcurrentDictionary<string, CallStats> calls = new(StringComparer.Ordinal);
    private object target = null!;

    /// <summary>A proxy over <paramref name="service"/>, which must implement every interface of
    /// <see cref="IProfiledOrchestrationService"/>.</summary>
    public static IProfiledOrchestrationService Wrap(IOrchestrationService service, out ProfilingProxy profiler)
    {
        ArgumentNullException.ThrowIfNull(service);
        IProfiledOrchestrationService proxy = Create<IProfiledOrchestrationService, ProfilingProxy>();
        profiler = (ProfilingProxy)(object)proxy;
        profiler.target = service;
        return proxy;
    }

    /// <summary>The calls since the last summary, slowest total first, as JSON and as text; the counters start afresh.</summary>
    public (JsonObject Json, string Text) TakeSummary(string title, double seconds)
    {
        var json = new JsonObject();
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"profile {title} ({seconds:F2}s):"));
        foreach ((string name, CallStats stats) in this.calls.ToArray().Where(p => p.Value.Calls > 0).OrderByDescending(p => p.Value.TotalMs))
        {
            json[name] = new JsonObject
            {
                ["calls"] = stats.Calls,
                ["totalMs"] = Math.Round(stats.TotalMs, 1),
                ["meanMs"] = Math.Round(stats.TotalMs / stats.Calls, 3),
            };
            text.Append(CultureInfo.InvariantCulture, $"\n    {name,-48} {stats.Calls,8} calls {stats.TotalMs,10:F1} ms total {stats.TotalMs / stats.Calls,8:F3} ms mean");
        }

        this.calls.Clear();
        return (json, text.ToString());
    }

    /// <inheritdoc/>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        CallStats stats = this.calls.GetOrAdd(targetMethod.Name, _ => new CallStats());
        long start = Stopwatch.GetTimestamp();
        object? result;
        try
        {
            result = targetMethod.Invoke(this.target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            stats.Add(start);
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }

        if (result is Task { IsCompleted: false } task)
        {
            task.ContinueWith(_ => stats.Add(start), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            stats.Add(start);
        }

        return result;
    }
}
