using Microsoft.Data.Sqlite;

namespace Workflows.DurableTask.Sqlite;

/// <summary>Settings of <see cref="SqliteOrchestrationService"/>. Call <see cref="Validate"/> (the service does at
/// construction) to get every problem at once.</summary>
public sealed class SqliteOrchestrationServiceSettings
{
    /// <summary>The largest payload kept inline in its row; larger ones go to the Payloads table.</summary>
    public const int DefaultPayloadInlineThreshold = 8 * 1024;

    /// <summary>The SQLite connection string; it must name a file (an in-memory database is not durable). Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The task hub this file holds; one file holds one task hub, and a file made for another hub is refused.
    /// Default <c>default</c>.</summary>
    public string TaskHubName { get; set; } = "default";

    /// <summary>Who holds locks taken by this service, as written to the lock columns; default machine name and process id.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Orchestration work items processed at once by this process; default 50 per processor. Durable Functions'
    /// default (10 per processor) is sized for work items that use a processor. Here they mostly wait: on the single
    /// writer's group commit, and as extended sessions (half the slots) on their activities. More in flight makes the
    /// commits larger and lets more sessions stay cached; free slots are also what lets one claim take several
    /// instances in one transaction.</summary>
    public int MaxConcurrentTaskOrchestrationWorkItems { get; set; } = 50 * Environment.ProcessorCount;

    /// <summary>Activity work items processed at once by this process; default 20 per processor (Durable Functions':
    /// 10). A checkpoint writes the tasks it schedules already locked for free slots, so they start without a
    /// claim.</summary>
    public int MaxConcurrentTaskActivityWorkItems { get; set; } = 20 * Environment.ProcessorCount;

    /// <summary>How long an orchestration lock lasts before any worker may take the instance over; the dispatcher renews
    /// it while an episode runs. Default 1 minute, at least 1 second.</summary>
    public TimeSpan OrchestrationLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an activity lock lasts before any worker may take the task over; the dispatcher renews it while
    /// the activity runs. Default 1 minute, at least 1 second.</summary>
    public TimeSpan ActivityLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The shortest wait between polls when no work was found; default 10 ms.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest wait between polls when idle: work written by another process is seen within it (work of
    /// this process wakes the pollers at once). Default 1 second.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether an orchestration stays locked and cached in memory between episodes (DurableTask.Core's extended
    /// sessions), fed only its new messages. Default true.</summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>How long an extended session waits for new messages before it ends and unlocks the instance; must be
    /// shorter than <see cref="OrchestrationLockTimeout"/>. Default 10 seconds.</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Payloads (inputs, outputs, events, custom status) larger than this many UTF-8 bytes are stored in their
    /// own table. Default 8 KiB.</summary>
    public int PayloadInlineThreshold { get; set; } = DefaultPayloadInlineThreshold;

    /// <summary>How long an abandoned work item stays invisible the first time; doubled on each further abandon of the
    /// same item up to <see cref="MaxAbandonDelay"/>. Default 1 second.</summary>
    public TimeSpan AbandonDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay after an abandon; default 1 minute.</summary>
    public TimeSpan MaxAbandonDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long SQLite waits for another writer's lock on the file before failing; default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(this.ConnectionString))
        {
            errors.Add("ConnectionString is required.");
        }
        else
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(this.ConnectionString);
                if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
                {
                    errors.Add("ConnectionString must name a database file: an in-memory database is not durable.");
                }
            }
            catch (ArgumentException)
            {
                // The message of the parser may quote the connection string, which can hold secrets.
                errors.Add("ConnectionString is not a valid SQLite connection string.");
            }
        }

        if (string.IsNullOrWhiteSpace(this.TaskHubName) || this.TaskHubName.Length > 50)
        {
            errors.Add("TaskHubName must have 1 to 50 characters.");
        }

        AddIfNot(errors, this.MaxConcurrentTaskOrchestrationWorkItems is >= 1 and <= 10_000, "MaxConcurrentTaskOrchestrationWorkItems must be 1 to 10000.");
        AddIfNot(errors, this.MaxConcurrentTaskActivityWorkItems is >= 1 and <= 10_000, "MaxConcurrentTaskActivityWorkItems must be 1 to 10000.");
        AddIfNot(errors, this.OrchestrationLockTimeout >= TimeSpan.FromSeconds(1), "OrchestrationLockTimeout must be at least 1 second.");
        AddIfNot(errors, this.ActivityLockTimeout >= TimeSpan.FromSeconds(1), "ActivityLockTimeout must be at least 1 second.");
        AddIfNot(errors, this.MinPollingInterval > TimeSpan.Zero && this.MinPollingInterval <= this.MaxPollingInterval, "MinPollingInterval must be positive and at most MaxPollingInterval.");
        AddIfNot(errors, this.MaxPollingInterval <= TimeSpan.FromMinutes(1), "MaxPollingInterval must be at most 1 minute.");
        AddIfNot(
            errors,
            !this.ExtendedSessionsEnabled || (this.ExtendedSessionIdleTimeout > TimeSpan.Zero && this.ExtendedSessionIdleTimeout < this.OrchestrationLockTimeout),
            "ExtendedSessionIdleTimeout must be positive and shorter than OrchestrationLockTimeout.");
        AddIfNot(errors, this.PayloadInlineThreshold is >= 256 and <= 1024 * 1024, "PayloadInlineThreshold must be 256 bytes to 1 MiB.");
        AddIfNot(errors, this.AbandonDelay >= TimeSpan.Zero && this.AbandonDelay <= this.MaxAbandonDelay, "AbandonDelay must be zero or more and at most MaxAbandonDelay.");
        AddIfNot(errors, this.BusyTimeout >= TimeSpan.Zero, "BusyTimeout must be zero or more.");
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem, if there is one.</summary>
    public void ThrowIfInvalid()
    {
        IReadOnlyList<string> errors = this.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SQLite orchestration service settings: " + string.Join(" ", errors));
        }
    }

    private static void AddIfNot(List<string> errors, bool valid, string error)
    {
        if (!valid)
        {
            errors.Add(error);
        }
    }
}
