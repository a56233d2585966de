using Microsoft.Extensions.Configuration;

namespace Workflows.Host.Hosting;

/// <summary>Reads host.json into configuration under <see cref="FunctionsHostConfiguration.HostJsonSection"/>.</summary>
internal sealed class HostJsonConfigurationSource : FileConfigurationSource
{
    /// <inheritdoc/>
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        this.EnsureDefaults(builder);
        return new HostJsonConfigurationProvider(this);
    }
}
