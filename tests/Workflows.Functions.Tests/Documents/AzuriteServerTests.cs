using Workflows.DurableTask.Tests.Infrastructure;

namespace Workflows.Functions.Tests.Documents;

public sealed class AzuriteServerTests
{
    [Fact]
    public void Without_Azurite_installed_the_server_fails_saying_to_run_test_sh()
    {
        DirectoryInfo repository = Directory.CreateTempSubdirectory("repository-");
        try
        {
            File.WriteAllText(Path.Combine(repository.FullName, "Workflows.sln"), string.Empty);
            string tests = Directory.CreateDirectory(Path.Combine(repository.FullName, "tests", "bin")).FullName;

            InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => AzuriteServer.FindAzurite(tests));

            Assert.Contains("Azurite is not installed", exception.Message, StringComparison.Ordinal);
            Assert.Contains("Run ./test.sh", exception.Message, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(repository.FullName, ".tools/azurite/node_modules/azurite/dist/src/azurite.js"), exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            repository.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_installed_Azurite_is_found_above_the_test_output()
    {
        string main = AzuriteServer.FindAzurite(AppContext.BaseDirectory);

        Assert.EndsWith(Path.Combine("azurite", "dist", "src", "azurite.js"), main, StringComparison.Ordinal);
        Assert.True(File.Exists(main));
    }
}
