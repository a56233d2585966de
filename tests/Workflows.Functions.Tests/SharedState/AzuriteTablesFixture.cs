using Azure.Data.Tables;
using Workflows.Functions.Tests.Documents;
using Xunit.Abstractions;

namespace Workflows.Functions.Tests.SharedState;

/// <summary>A real Azurite with its blob, queue and table services, for the tests of shared state.</summary>
public sealed class AzuriteTablesFixture(IMessageSink diagnostics) : AzuriteFixture(diagnostics, withTables: true)
{
    /// <summary>A client of a table of its own for one test class (created on first use by the code under test).</summary>
    public TableClient NewTable() => new(this.ConnectionString, "t" + Guid.NewGuid().ToString("N"));
}
