using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Workflows.Governance.Email;

/// <summary>Registers email sending.</summary>
public static class EmailServiceCollectionExtensions
{
    /// <summary>How long a call to SendGrid may take before it counts as failed (and is retried by its activity).</summary>
    public static readonly TimeSpan SendGridTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Binds and validates the <c>Email</c> section and registers <see cref="IEmailSender"/>: SendGrid when
    /// <c>Email:SendGrid:ApiKey</c> is set, else the <see cref="DevelopmentOutbox"/> in <c>{DataDirectory}/outbox</c>;
    /// either way idempotent per key through the <see cref="IEmailLedger"/> the host chose (by default
    /// <c>{DataDirectory}/email.db</c>).</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SendGridEmailSender.HttpClientName, client => client.Timeout = SendGridTimeout);

        Storage.SharedStateServiceCollectionExtensions.TryAddSqliteEmailLedger(services, configuration);
        services.AddSingleton(sp => new DevelopmentOutbox(
            Path.Combine(DataDirectory(sp, configuration), DevelopmentOutbox.FolderName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DevelopmentOutbox>>()));
        services.AddSingleton<EmailComposer>();
        services.AddSingleton<SendGridEmailSender>();
        services.AddSingleton<IEmailSender>(sp => new IdempotentEmailSender(
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSendGrid
                ? sp.GetRequiredService<SendGridEmailSender>()
                : sp.GetRequiredService<DevelopmentOutbox>(),
            sp.GetRequiredService<IEmailLedger>(),
            sp.GetRequiredService<ILogger<IdempotentEmailSender>>()));
        return services;
    }

    /// <summary>The data directory the configuration names.</summary>
    private static string DataDirectory(IServiceProvider services, IConfiguration configuration) => Storage.DataDirectory.Resolve(configuration);
}
