namespace Workflows.Governance.Security;

/// <summary>Puts the admin key check on routes.</summary>
public static class AdminKeyEndpointConventionBuilderExtensions
{
    /// <summary>Requires the admin key on every route handler of <paramref name="builder"/> (a route group or one route);
    /// needs <see cref="AdminKeyServiceCollectionExtensions.AddAdminKey"/>.</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilterFactory((factoryContext, next) =>
        {
            AdminKeyEndpointFilter filter = factoryContext.ApplicationServices.GetRequiredService<AdminKeyEndpointFilter>();
            return invocation => filter.InvokeAsync(invocation, next);
        });
    }
}
