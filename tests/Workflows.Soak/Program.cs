using System.CommandLine;
using Workflows.Soak;

var provider = new Option<string>("--provider") { Description = "The store the hosts share: sqlite (one file) or azurestorage (Azure Storage on an Azurite the soak starts).", DefaultValueFactory = _ => "sqlite" };
var hosts = new Option<int?>("--hosts") { Description = "Host processes running at once (default 3; --quick 2)." };
var orchestrations = new Option<int?>("--orchestrations") { Description = "Synthetic orchestrations to start (default 10,000; --quick 60)." };
var proposals = new Option<int?>("--proposals") { Description = "Governance proposals to start and decide through their emailed links (default 100; --quick 3)." };
var kills = new Option<int?>("--kills") { Description = "SIGKILLs of a random host process, each started again (default 100; --quick 3)." };
var seed = new Option<int>("--seed") { Description = "The seed of the workload, the decisions and the kills (default 1).", DefaultValueFactory = _ => 1 };
var quick = new Option<bool>("--quick") { Description = "A short run (the test command's): 2 hosts, 60 orchestrations, 3 proposals, 3 kills; other options still override." };
var keep = new Option<bool>("--keep") { Description = "Keeps the run's folder (store, outbox, documents, each host's log) and prints where it is." };
var root = new RootCommand("The chaos soak: host processes of the self-hosted service on one store, proposals and synthetic orchestrations through the HTTP API, a random host SIGKILLed every few seconds; then every outcome, email, decision record and history is checked. The last stdout line is one JSON object; the exit code is 1 on any loss, wrong output, missing or duplicate email, decision record or history problem.")
{
    provider,
    hosts,
    orchestrations,
    proposals,
    kills,
    seed,
    quick,
    keep,
};

root.SetAction(async (parse, cancellationToken) =>
{
    SoakProvider? store = parse.GetValue(provider)?.ToUpperInvariant() switch
    {
        "SQLITE" => SoakProvider.Sqlite,
        "AZURESTORAGE" => SoakProvider.AzureStorage,
        _ => null,
    };
    if (store is null)
    {
        await Console.Error.WriteLineAsync("--provider must be sqlite or azurestorage.");
        return 2;
    }

    SoakOptions defaults = parse.GetValue(quick) ? SoakOptions.Quick(store.Value, parse.GetValue(seed)) : SoakOptions.Full(store.Value, parse.GetValue(seed));
    SoakOptions options = defaults with
    {
        Hosts = parse.GetValue(hosts) ?? defaults.Hosts,
        Orchestrations = parse.GetValue(orchestrations) ?? defaults.Orchestrations,
        Proposals = parse.GetValue(proposals) ?? defaults.Proposals,
        Kills = parse.GetValue(kills) ?? defaults.Kills,
        KeepData = parse.GetValue(keep),
    };
    if (options.Problems() is { Count: > 0 } problems)
    {
        await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, problems));
        return 2;
    }

    SoakReport report = await SoakRunner.RunAsync(options, Console.Error, cancellationToken);
    await Console.Out.WriteLineAsync(report.ToJson());
    return report.Clean ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();
