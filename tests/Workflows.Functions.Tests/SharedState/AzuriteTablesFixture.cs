using Azure.Data.Tables;
using Workflows.DurableTask.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Workflows.Functions.Tests.SharedState;

/// <summary>A real Azurite with its blob, queue and table services, for the tests of shared state.</summary>
public sealed class AzuriteTablesFixture(IMessageSink diagnostics) : IDisposable
{
    private readonly AzuriteServer server = new(diagnostics);

    /// <summary>The connection string of this Azurite.</summary>
    public string ConnectionString => this.server.ConnectionString;

    /// <summary>A client of a table of its own for one test class (created on first use by the code under test).</summary>
    public TableClient NewTable() => new(this.ConnectionString, "t" + Guid.NewGuid().ToString("N"));

    public void Dispose() => this.server.Dispose();
}
