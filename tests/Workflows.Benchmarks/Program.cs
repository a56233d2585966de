using System.CommandLine;
using Workflows.Benchmarks;

var quick = new Option<bool>("--quick")
{
    Description = "Runs a scaled-down version (200 orchestrations, 200 sequential, 100 fan-out, 50 event samples, 1,000 idle) for smoke testing.",
};
var only = new Option<string?>("--only")
{
    Description = $"Runs a subset, comma-separated: {ScenarioSelection.ValidNames}. The SQLite baseline runs only when selected (ratios need it).",
};
var profile = new Option<bool>("--profile")
{
    Description = "Wraps the engine's store in a timing decorator and writes, per scenario, the count and time of every store call to stderr.",
};
var root = new RootCommand(
    "Measures the durable task engine on a fresh SQLite file in a temp folder and prints one JSON object on stdout; progress goes to stderr.")
{
    quick,
    only,
    profile,
};

root.SetAction(async (parseResult, cancellationToken) =>
{
    if (!ScenarioSelection.TryParse(parseResult.GetValue(only), out Scenario selected, out string? error))
    {
        await Console.Error.WriteLineAsync(error);
        return 2;
    }

    bool isQuick = parseResult.GetValue(quick);
    BenchmarkSizes sizes = isQuick ? BenchmarkSizes.Quick : BenchmarkSizes.Full;
    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    deadline.CancelAfter(isQuick ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(20));
    try
    {
        BenchmarkReport report = await BenchmarkRunner.RunAsync(sizes, selected, isQuick, parseResult.GetValue(profile), deadline.Token);
        await Console.Out.WriteLineAsync(report.ToJson());
        return 0;
    }
    catch (OperationCanceledException) when (deadline.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync(cancellationToken.IsCancellationRequested ? "Cancelled." : "The benchmark did not finish within its time limit.");
        return 1;
    }
});

return await root.Parse(args).InvokeAsync();
