using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workflows.DurableTask.Hosting;

namespace Workflows.DurableTask.Worker;

/// <summary>Runs the SDK's orchestrators and activities in this process on DurableTask.Core's
/// <see cref="TaskHubWorker"/>, over the host's one <see cref="IOrchestrationService"/> (see
/// <see cref="OrchestrationServiceBuilderExtensions.UseOrchestrationService(IDurableTaskWorkerBuilder, Func{IServiceProvider, IOrchestrationService})"/>).</summary>
/// <remarks>Concurrency is the provider's (<see cref="IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems"/>
/// and <see cref="IOrchestrationService.MaxConcurrentTaskActivityWorkItems"/>), so host.json's limits go into the
/// provider's settings. Failures reach orchestrators with their details
/// (<see cref="ErrorPropagationMode.UseFailureDetails"/>). Stopping finishes the work items in hand: DurableTask.Core
/// waits about 8 s for them, and this worker no longer than the host's shutdown timeout; what still runs then is run
/// again by a worker once its lock (the provider's visibility timeout) expires.</remarks>
public sealed class InProcessDurableTaskWorker : DurableTaskWorker
{
    private readonly IServiceProvider services;
    private readonly OrchestrationServiceHandle handle;
    private readonly DurableTaskWorkerOptions options;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private TaskHubWorker? worker;
    private Task? stopping;

    /// <summary>Created by the worker builder (<c>UseBuildTarget</c>) with its name and the registry's factory.</summary>
    public InProcessDurableTaskWorker(
        string name,
        IDurableTaskFactory factory,
        IServiceProvider services,
        IOptionsMonitor<DurableTaskWorkerOptions> options,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.services = services;
        this.handle = services.GetRequiredKeyedService<OrchestrationServiceHandle>(name);
        this.options = options.Get(name);
        this.loggerFactory = loggerFactory;
        this.logger = loggerFactory.CreateLogger<InProcessDurableTaskWorker>();
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Cancelling the run makes it drain the TaskHubWorker; the base waits for that, or for the host's timeout.
        await base.StopAsync(cancellationToken);
        Task? drain;
        lock (this.gate)
        {
            drain = this.stopping;
        }

        if (drain is null)
        {
            return;
        }

        if (drain.IsCompleted)
        {
            WorkerLog.Stopped(this.logger, this.Name);
        }
        else
        {
            WorkerLog.DrainCutShort(this.logger, this.Name);
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        lock (this.gate)
        {
            // TaskHubWorker.Dispose frees the lock its StopAsync releases last: a drain still running keeps it until done.
            if (this.worker is { } hub)
            {
                if (this.stopping is { IsCompleted: false } drain)
                {
                    _ = drain.ContinueWith(_ => hub.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }
                else
                {
                    hub.Dispose();
                }
            }
        }

        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IOrchestrationService service = await this.handle.GetReadyAsync(stoppingToken);
        WorkerLog.Starting(this.logger, this.Name, service.GetType().Name);
        var shims = new DurableTaskShimFactory(this.options, this.loggerFactory);
        var orchestrations = new RegistryObjectManager<TaskOrchestration>(name =>
            new RegisteredOrchestration(
                new TaskName(name),
                this.Factory.TryCreateOrchestrator(new TaskName(name), this.services, out ITaskOrchestrator? orchestrator) ? orchestrator : null,
                shims));
        var activities = new RegistryObjectManager<TaskActivity>(name =>
        {
            if (this.Factory.TryCreateActivity(new TaskName(name), this.services, out ITaskActivity? activity))
            {
                return shims.CreateActivity(new TaskName(name), activity);
            }

            WorkerLog.UnregisteredActivity(this.logger, name);
            return new UnregisteredActivity(name);
        });

        var hubWorker = new TaskHubWorker(service, orchestrations, activities, this.loggerFactory)
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };

        // IncludeParameters is off by default in DurableTask.Core: TaskScheduled and SubOrchestrationInstanceCreated
        // events would be recorded without their inputs, and histories (the management API's historyEvents, the
        // dashboard) could not show them. The dispatcher exists only once StartAsync runs, and starts dispatching there;
        // set from the first middleware, it is on before any episode's actions are recorded.
        hubWorker.AddOrchestrationDispatcherMiddleware((_, next) =>
        {
            hubWorker.TaskOrchestrationDispatcher.IncludeParameters = true;
            return next();
        });
        hubWorker.AddOrchestrationDispatcherMiddleware(this.BindOrchestrationAsync);
        await hubWorker.StartAsync();
        lock (this.gate)
        {
            this.worker = hubWorker;
        }

        WorkerLog.Started(this.logger, this.Name, service.MaxConcurrentTaskOrchestrationWorkItems, service.MaxConcurrentTaskActivityWorkItems);

        // Held until the host stops, so that StopAsync, which waits for this, drains a worker that has finished starting.
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // One drain, however the stop arrives (also when the host stopped while the worker was still starting).
        WorkerLog.Draining(this.logger, this.Name);
        Task drain;
        lock (this.gate)
        {
            drain = this.stopping ??= hubWorker.StopAsync(isForced: false);
        }

        await drain;
    }

    /// <summary>Gives the orchestration being dispatched its parent (known only here) before it runs.</summary>
    private Task BindOrchestrationAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        if (context.GetProperty<TaskOrchestration>() is RegisteredOrchestration orchestration
            && context.GetProperty<OrchestrationRuntimeState>() is { } state)
        {
            if (!orchestration.IsRegistered)
            {
                WorkerLog.UnregisteredOrchestrator(this.logger, state.OrchestrationInstance?.InstanceId ?? string.Empty, state.Name);
            }

            ParentInstance? parent = state.ParentInstance;
            orchestration.Bind(parent is null ? null : new ParentOrchestrationInstance(new TaskName(parent.Name), parent.OrchestrationInstance.InstanceId));
        }

        return next();
    }
}
