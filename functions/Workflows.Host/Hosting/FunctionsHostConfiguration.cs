using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Workflows.Host.Hosting;

/// <summary>Configures a web app the way the Azure Functions host configures a function app: host.json, then the
/// <c>Values</c> of local.settings.json, then environment variables and the command line; port 7071 by default.</summary>
public static class FunctionsHostConfiguration
{
    /// <summary>The configuration section that host.json is read into, as in the Functions host.</summary>
    public const string HostJsonSection = "AzureFunctionsJobHost";

    /// <summary>The address listened on when neither ASPNETCORE_URLS, --urls nor an HTTP ports setting says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>Adds host.json and local.settings.json below environment variables and the command line, maps host.json
    /// logging levels onto the app's logging, and registers <see cref="FunctionsHostOptions"/>.</summary>
    public static WebApplicationBuilder AddFunctionsHostConfiguration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string scriptRoot = ResolveScriptRoot(builder.Environment.ContentRootPath);
        IList<IConfigurationSource> sources = builder.Configuration.Sources;

        // Insert before the unprefixed environment variables, so that those and the command line (added after them) win.
        int position = sources.Count;
        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                position = i;
                break;
            }
        }

        sources.Insert(position, SettingsFile(new LocalSettingsConfigurationSource(), scriptRoot, "local.settings.json"));
        sources.Insert(position, SettingsFile(new HostJsonConfigurationSource(), scriptRoot, "host.json"));

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpsPortsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // host.json "logging": { "logLevel": { ... } } has the shape of the Logging section.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection(ConfigurationPath.Combine(HostJsonSection, "logging")));

        builder.Services.AddOptions<FunctionsHostOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ScriptRoot = scriptRoot;
            o.DataDirectory = FunctionsHostOptions.ResolveDataDirectory(configuration);
        });
        return builder;
    }

    /// <summary>The folder of host.json and local.settings.json: the content root when it has a host.json, else the
    /// app's own folder, where the build copies the repository's host.json (as a Functions project does).</summary>
    private static string ResolveScriptRoot(string contentRoot)
    {
        foreach (string candidate in new[] { contentRoot, AppContext.BaseDirectory })
        {
            if (File.Exists(Path.Combine(candidate, "host.json")))
            {
                return Path.TrimEndingDirectorySeparator(Path.GetFullPath(candidate));
            }
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(contentRoot));
    }

    private static FileConfigurationSource SettingsFile(FileConfigurationSource source, string folder, string fileName)
    {
        source.Path = Path.Combine(folder, fileName);
        source.Optional = true;

        // The Functions host restarts on a host.json change rather than reloading; options here are read once.
        source.ReloadOnChange = false;
        source.ResolveFileProvider();
        return source;
    }
}
