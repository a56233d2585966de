using Microsoft.Extensions.Configuration;

namespace Workflows.Host.Hosting;

/// <summary>Reads the <c>Values</c> and <c>ConnectionStrings</c> of local.settings.json into configuration.</summary>
internal sealed class LocalSettingsConfigurationSource : FileConfigurationSource
{
    /// <inheritdoc/>
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        this.EnsureDefaults(builder);
        return new LocalSettingsConfigurationProvider(this);
    }
}
