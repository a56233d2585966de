using System.CommandLine;
using Workflows.Fuzz;

var requests = new Option<int>("--requests") { Description = "How many requests to send (default 100,000).", DefaultValueFactory = _ => 100_000 };
var seed = new Option<int>("--seed") { Description = "The seed of every random choice (default 1).", DefaultValueFactory = _ => 1 };
var url = new Option<Uri?>("--url") { Description = "A running service on 127.0.0.1 to fuzz; without it the fuzzer starts its own." };
var adminKey = new Option<string?>("--admin-key") { Description = "The admin key of the service given by --url." };
var root = new RootCommand("A seeded, bounded HTTP fuzzer over the self-hosted service; its last stdout line is one JSON object, and it exits non-zero on any 5xx, leak or change of state by a refused request.")
{
    requests,
    seed,
    url,
    adminKey,
};

root.SetAction(async (parse, cancellationToken) =>
{
    int count = parse.GetValue(requests);
    Uri? target = parse.GetValue(url);
    if (count is < 1 or > 10_000_000)
    {
        await Console.Error.WriteLineAsync("--requests must be 1 to 10,000,000.");
        return 2;
    }

    if (target is not null && (!target.IsLoopback || parse.GetValue(adminKey) is null))
    {
        await Console.Error.WriteLineAsync("--url must be a 127.0.0.1 address, given with --admin-key.");
        return 2;
    }

    FuzzReport report = await FuzzRunner.RunAsync(new FuzzOptions(count, parse.GetValue(seed), target, parse.GetValue(adminKey)), Console.Error, cancellationToken);
    await Console.Out.WriteLineAsync(report.ToJson());
    return report.Clean ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();
