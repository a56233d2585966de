using System.CommandLine;
using Workflows.Benchmarks;
using Workflows.Benchmarks.Selection;

var quick = new Option<bool>("--quick")
{
    Description = "Runs a scaled-down version (a tenth of the counts; Azure Storage less still) for smoke testing, in under a minute.",
};
var only = new Option<string?>("--only")
{
    Description = $"Runs a subset, comma-separated: {BenchmarkSelection.ValidNames}. The commit baseline runs only when selected (ratios need it).",
};
var profile = new Option<bool>("--profile")
{
    Description = "Puts a timing proxy in front of each provider's service and reports, per scenario, the count and time of every call the worker and client make on it (stderr and JSON).",
};
var sqliteConcurrency = new Option<int?>("--sqlite-concurrency")
{
    Description = "Sets the SQLite provider's orchestration and activity concurrency (default: its own, 50 and 20 per processor).",
};
var sqliteSessions = new Option<bool?>("--sqlite-extended-sessions")
{
    Description = "Turns the SQLite provider's extended sessions on or off (default: on).",
};
var workerStore = new Option<string?>("--worker-store")
{
    Description = "Runs as one of the workers scenario's worker processes on the given SQLite file (started by the benchmark itself).",
    Hidden = true,
};
var root = new RootCommand(
    "Measures the Durable Task stack on the SQLite provider, Azure Storage over Azurite and DurableTask.Core's in-memory service, with a raw SQLite commit baseline, in a temp folder; prints one JSON object on stdout, progress on stderr.")
{
    quick,
    only,
    profile,
    sqliteConcurrency,
    sqliteSessions,
    workerStore,
};

root.SetAction(async (parseResult, cancellationToken) =>
{
    if (parseResult.GetValue(workerStore) is { } store)
    {
        return await Workflows.Benchmarks.Workers.WorkerProcessMode.RunAsync(store, cancellationToken);
    }

    if (!BenchmarkSelection.TryParse(parseResult.GetValue(only), out BenchmarkSelection selected, out string? error))
    {
        await Console.Error.WriteLineAsync(error);
        return 2;
    }

    if (parseResult.GetValue(sqliteConcurrency) is < 1 or > 10_000)
    {
        await Console.Error.WriteLineAsync("--sqlite-concurrency must be 1 to 10000.");
        return 2;
    }

    bool isQuick = parseResult.GetValue(quick);
    var options = new BenchmarkOptions(
        isQuick ? BenchmarkSizes.Quick : BenchmarkSizes.Full,
        selected,
        isQuick,
        parseResult.GetValue(profile),
        parseResult.GetValue(sqliteConcurrency),
        parseResult.GetValue(sqliteSessions));
    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    deadline.CancelAfter(isQuick ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(30));
    try
    {
        (BenchmarkReport report, bool failed) = await BenchmarkRunner.RunAsync(options, deadline.Token);
        await Console.Out.WriteLineAsync(report.ToJson());
        return failed ? 3 : 0;
    }
    catch (OperationCanceledException) when (deadline.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync(cancellationToken.IsCancellationRequested ? "Cancelled." : "The benchmark did not finish within its time limit.");
        return 1;
    }
});

return await root.Parse(args).InvokeAsync();
