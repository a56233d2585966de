using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Workflows.Functions;
using Workflows.Governance.Approvals;
using Workflows.Governance.Dashboard;
using Workflows.Governance.Email;
using Workflows.Governance.KeyRing;

namespace Workflows.FunctionApp.Tests;

/// <summary>The Function App keeps what its instances share in the storage account of <c>AzureWebJobsStorage</c>,
/// never on an instance's disk.</summary>
public sealed class SharedStateTests
{
    [Fact]
    public void The_function_app_keeps_the_email_ledger_decisions_sign_in_failures_and_keys_in_its_storage_account()
    {
        string folder = Directory.CreateTempSubdirectory("function-app-shared-state-").FullName;
        try
        {
            FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder([]);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DataDirectory"] = folder,
                ["AzureWebJobsStorage"] = null,
                ["AzureWebJobsStorage:accountName"] = "govfuncstore",
            });
            FunctionAppSetup.Configure(builder);
            using IHost host = builder.Build();

            Assert.IsType<TableEmailLedger>(host.Services.GetRequiredService<IEmailLedger>());
            Assert.IsType<TableRaisedDecisionLedger>(host.Services.GetRequiredService<IRaisedDecisionLedger>());
            Assert.IsType<TableSignInFailureStore>(host.Services.GetRequiredService<ISignInFailureStore>());
            var ring = Assert.IsType<BlobXmlRepository>(host.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
            Assert.Equal("https://govfuncstore.blob.core.windows.net/governance-keys/keys.xml", ring.BlobUri.AbsoluteUri);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
