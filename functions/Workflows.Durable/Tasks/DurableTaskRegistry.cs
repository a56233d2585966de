using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Durable;

/// <summary>The orchestrators and activities a worker can run, by name.</summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> orchestrators = new();
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> activities = new();

    /// <summary>Adds an orchestrator made by a factory.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return this.AddOrchestratorCore(name, _ => factory());
    }

    /// <summary>Adds an orchestrator made by a factory, for one version; versions are not distinguished by this engine.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, TaskVersion version, Func<ITaskOrchestrator> factory) =>
        this.AddOrchestrator(name, factory);

    /// <summary>Adds an orchestrator type, created without dependency injection for each episode.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        EnsureImplements<ITaskOrchestrator>(type);
        return this.AddOrchestratorCore(name, _ => (ITaskOrchestrator)Activator.CreateInstance(type)!);
    }

    /// <summary>Adds an orchestrator type under its <see cref="DurableTaskAttribute"/> name or type name.</summary>
    public DurableTaskRegistry AddOrchestrator(Type type) => this.AddOrchestrator(GetTaskName(type), type);

    /// <summary>Adds an orchestrator type under a name.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>(TaskName name)
        where TOrchestrator : class, ITaskOrchestrator => this.AddOrchestrator(name, typeof(TOrchestrator));

    /// <summary>Adds an orchestrator type under its <see cref="DurableTaskAttribute"/> name or type name.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator => this.AddOrchestrator(typeof(TOrchestrator));

    /// <summary>Adds an orchestrator instance, shared by every episode.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, ITaskOrchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return this.AddOrchestratorCore(name, _ => orchestrator);
    }

    /// <summary>Adds an orchestrator instance under its type's name.</summary>
    public DurableTaskRegistry AddOrchestrator(ITaskOrchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return this.AddOrchestrator(GetTaskName(orchestrator.GetType()), orchestrator);
    }

    /// <summary>Adds an orchestrator delegate.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator) =>
        this.AddOrchestrator(name, FuncTaskOrchestrator.Create(orchestrator));

    /// <summary>Adds an orchestrator delegate for a version.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, TaskVersion version, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator) =>
        this.AddOrchestratorFunc(name, orchestrator);

    /// <summary>Adds a synchronous orchestrator delegate.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, TOutput> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return this.AddOrchestratorFunc<TInput, TOutput>(name, (c, i) => Task.FromResult(orchestrator(c, i)));
    }

    /// <summary>Adds an orchestrator delegate without output.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return this.AddOrchestratorFunc<TInput, object?>(name, async (c, i) =>
        {
            await orchestrator(c, i).ConfigureAwait(true);
            return null;
        });
    }

    /// <summary>Adds an orchestrator delegate without input.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TOutput>(TaskName name, Func<TaskOrchestrationContext, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return this.AddOrchestratorFunc<object?, TOutput>(name, (c, _) => orchestrator(c));
    }

    /// <summary>Adds an orchestrator delegate without input or output.</summary>
    public DurableTaskRegistry AddOrchestratorFunc(TaskName name, Func<TaskOrchestrationContext, Task> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return this.AddOrchestratorFunc<object?>(name, (c, _) => orchestrator(c));
    }

    /// <summary>Adds an activity made by a factory from the worker's services.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (name == default)
        {
            throw new ArgumentException("An activity needs a name.", nameof(name));
        }

        if (!this.activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Adds an activity made by a factory, for one version; versions are not distinguished by this engine.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, TaskVersion version, Func<ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return this.AddActivity(name, _ => factory());
    }

    /// <summary>Adds an activity type, created through dependency injection for each call.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        EnsureImplements<ITaskActivity>(type);
        return this.AddActivity(name, sp => (ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(sp, type));
    }

    /// <summary>Adds an activity type under its <see cref="DurableTaskAttribute"/> name or type name.</summary>
    public DurableTaskRegistry AddActivity(Type type) => this.AddActivity(GetTaskName(type), type);

    /// <summary>Adds an activity type under a name.</summary>
    public DurableTaskRegistry AddActivity<TActivity>(TaskName name)
        where TActivity : class, ITaskActivity => this.AddActivity(name, typeof(TActivity));

    /// <summary>Adds an activity type under its <see cref="DurableTaskAttribute"/> name or type name.</summary>
    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity => this.AddActivity(typeof(TActivity));

    /// <summary>Adds an activity instance, shared by every call.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, ITaskActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return this.AddActivity(name, _ => activity);
    }

    /// <summary>Adds an activity instance under its type's name.</summary>
    public DurableTaskRegistry AddActivity(ITaskActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return this.AddActivity(GetTaskName(activity.GetType()), activity);
    }

    /// <summary>Adds an activity delegate.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> activity) =>
        this.AddActivity(name, FuncTaskActivity.Create(activity));

    /// <summary>Adds an activity delegate for a version.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, TaskVersion version, Func<TaskActivityContext, TInput, Task<TOutput>> activity) =>
        this.AddActivityFunc(name, activity);

    /// <summary>Adds a synchronous activity delegate.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, TOutput> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return this.AddActivityFunc<TInput, TOutput>(name, (c, i) => Task.FromResult(activity(c, i)));
    }

    /// <summary>Adds an activity delegate without output.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput>(TaskName name, Func<TaskActivityContext, TInput, Task> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return this.AddActivityFunc<TInput, object?>(name, async (c, i) =>
        {
            await activity(c, i).ConfigureAwait(false);
            return null;
        });
    }

    /// <summary>Adds an activity delegate without input.</summary>
    public DurableTaskRegistry AddActivityFunc<TOutput>(TaskName name, Func<TaskActivityContext, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return this.AddActivityFunc<object?, TOutput>(name, (c, _) => activity(c));
    }

    /// <summary>Adds an activity delegate without input or output.</summary>
    public DurableTaskRegistry AddActivityFunc(TaskName name, Func<TaskActivityContext, Task> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return this.AddActivityFunc<object?>(name, (c, _) => activity(c));
    }

    /// <summary>Adds a synchronous activity delegate without output.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput>(TaskName name, Action<TaskActivityContext, TInput> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return this.AddActivityFunc<TInput, object?>(name, (c, i) =>
        {
            activity(c, i);
            return (object?)null;
        });
    }

    /// <summary>The registered orchestrators.</summary>
    public IEnumerable<KeyValuePair<TaskName, Func<IServiceProvider, ITaskOrchestrator>>> GetOrchestrators() => this.orchestrators;

    /// <summary>The registered activities.</summary>
    public IEnumerable<KeyValuePair<TaskName, Func<IServiceProvider, ITaskActivity>>> GetActivities() => this.activities;

    internal static TaskName GetTaskName(Type type)
    {
        DurableTaskAttribute? attribute = type.GetCustomAttribute<DurableTaskAttribute>();
        return attribute is not null && attribute.Name != default ? attribute.Name : new TaskName(type.Name);
    }

    private static void EnsureImplements<T>(Type type)
    {
        if (!typeof(T).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"Type '{type}' is not a concrete {typeof(T).Name}.", nameof(type));
        }
    }

    private DurableTaskRegistry AddOrchestratorCore(TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        if (name == default)
        {
            throw new ArgumentException("An orchestrator needs a name.", nameof(name));
        }

        if (!this.orchestrators.TryAdd(name, factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }
}
