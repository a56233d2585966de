namespace Workflows.Governance.Dashboard;

/// <summary>Registers what the dashboard needs besides the admin key.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>Adds anti-forgery and the sign-in throttle (one per host, disposed with it).</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddAntiforgery();
        services.AddSingleton<SignInThrottle>();
        return services;
    }
}
