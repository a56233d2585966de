using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Workflows.Benchmarks;

/// <summary>Which engine source the figures belong to: the git commit of the working tree, and whether the engine's
/// folder differs from it. Best effort and read-only; null fields where git is not available.</summary>
internal static class EngineVersion
{
    public static JsonObject Describe()
    {
        string? commit = Git("rev-parse --short=12 HEAD", out _)?.Trim();
        bool? dirty = null;
        if (commit is not null && Git("diff --quiet HEAD -- functions", out int exitCode) is not null)
        {
            dirty = exitCode != 0;
        }

        return new JsonObject
        {
            ["commit"] = commit,
            ["uncommittedEngineChanges"] = dirty,
        };
    }

    private static string? Git(string arguments, out int exitCode)
    {
        exitCode = -1;
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };

            // Never take git's optional locks (no index refresh): this must not change the repository.
            start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
            using Process? git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            string output = git.StandardOutput.ReadToEnd();
            if (!git.WaitForExit(5000))
            {
                git.Kill();
                return null;
            }

            exitCode = git.ExitCode;
            return exitCode is 0 or 1 ? output : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
