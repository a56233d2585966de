using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Workflows.Governance.Documents;

/// <summary>Registers the document store that the <c>Documents</c> settings choose.</summary>
public static class DocumentsServiceCollectionExtensions
{
    /// <summary>The folder under the data directory that the local-folder store uses.</summary>
    public const string LocalFolderName = "documents";

    /// <summary>Binds and validates (at start) the <c>Documents</c> section and registers <see cref="IDocumentStore"/>
    /// as a singleton: a <see cref="LocalFolderDocumentStore"/> under <c>{DataDirectory}/documents</c> by default, or a
    /// <see cref="BlobDocumentStore"/> when <c>Documents:Provider</c> is <c>AzureBlob</c>.</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DocumentsOptions>()
            .Bind(configuration.GetSection(DocumentsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DocumentsOptions>, DocumentsOptionsValidator>());
        services.TryAddSingleton(provider => CreateStore(provider, configuration));
        return services;
    }

    private static IDocumentStore CreateStore(IServiceProvider provider, IConfiguration configuration)
    {
        DocumentsOptions options = provider.GetRequiredService<IOptions<DocumentsOptions>>().Value;
        ILoggerFactory loggers = provider.GetRequiredService<ILoggerFactory>();
        ILogger logger = loggers.CreateLogger(typeof(IDocumentStore).Namespace!);
        if (options.UsesAzureBlob)
        {
            AzureBlobDocumentsOptions settings = options.AzureBlob;
            var blob = new BlobDocumentStore(
                string.IsNullOrWhiteSpace(settings.ServiceUri)
                    ? BlobDocumentStore.CreateContainerClient(settings.ConnectionString!, settings.ContainerName)
                    : BlobDocumentStore.CreateContainerClient(new Uri(settings.ServiceUri), new Azure.Identity.DefaultAzureCredential(), settings.ContainerName),
                loggers.CreateLogger<BlobDocumentStore>());
            string container = blob.ContainerUri.AbsoluteUri;
            DocumentsLog.Provider(logger, DocumentsOptions.AzureBlobProvider, container);
            return blob;
        }

        string dataDirectory = Storage.DataDirectory.Resolve(configuration);
        var local = new LocalFolderDocumentStore(Path.Combine(dataDirectory, LocalFolderName), loggers.CreateLogger<LocalFolderDocumentStore>());
        DocumentsLog.Provider(logger, DocumentsOptions.LocalFolderProvider, local.RootDirectory);
        return local;
    }
}
