namespace Workflows.Governance.Dashboard;

/// <summary>Registers what the dashboard needs besides the admin key.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>Adds anti-forgery and the sign-in throttle, which counts wrong keys in the
    /// <see cref="ISignInFailureStore"/> the host chose.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddAntiforgery();
        services.AddSingleton<SignInThrottle>();
        return services;
    }
}
