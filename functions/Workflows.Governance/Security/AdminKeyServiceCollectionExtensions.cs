namespace Workflows.Governance.Security;

/// <summary>Registers the admin key check.</summary>
public static class AdminKeyServiceCollectionExtensions
{
    /// <summary>Binds <see cref="AdminKeyOptions"/> from the <c>Security</c> section and adds the <see cref="AdminKeyEndpointFilter"/>
    /// that <see cref="AdminKeyEndpointConventionBuilderExtensions.RequireAdminKey{TBuilder}"/> puts on routes.</summary>
    public static IServiceCollection AddAdminKey(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AdminKeyOptions>().BindConfiguration(AdminKeyOptions.SectionName);
        services.AddSingleton<AdminKeyEndpointFilter>();
        services.AddHostedService<AdminKeyStartupCheck>();
        return services;
    }
}
