using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Workflows.Governance.Governance;

/// <summary>Creates the governance configuration from the file <c>Governance:ConfigurationFile</c> names, or from the
/// built-in Staffordshire congress, before the usual configure and validate steps of the options pattern.</summary>
/// <remarks>A file that cannot be read or parsed fails as an <see cref="OptionsValidationException"/>, so that a start
/// fails with the same kind of message as for a file with invalid content.</remarks>
internal sealed class GovernanceConfigurationLoader(
    IConfiguration configuration,
    IEnumerable<IConfigureOptions<GovernanceConfiguration>> setups,
    IEnumerable<IPostConfigureOptions<GovernanceConfiguration>> postConfigures,
    IEnumerable<IValidateOptions<GovernanceConfiguration>> validations)
    : OptionsFactory<GovernanceConfiguration>(setups, postConfigures, validations)
{
    /// <summary>The <see cref="GovernanceConfiguration.Source"/> of the built-in configuration.</summary>
    public const string BuiltInSource = "built-in congress.json";

    private const string BuiltInResource = "Workflows.Governance.Governance.congress.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,

        // A misspelt key would otherwise be dropped silently and surface as an empty list or a missing approver.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>The built-in Staffordshire congress.</summary>
    public static GovernanceConfiguration LoadBuiltIn()
    {
        using Stream stream = typeof(GovernanceConfigurationLoader).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"The resource {BuiltInResource} is missing from the assembly.");
        return Read(stream, BuiltInSource);
    }

    /// <summary>The configuration in the JSON file at <paramref name="path"/>.</summary>
    /// <exception cref="OptionsValidationException">The file cannot be read, or is not a governance configuration.</exception>
    public static GovernanceConfiguration Load(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return Read(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure($"{GovernanceConfiguration.ConfigurationFileKey} '{path}' cannot be read: {e.Message}");
        }
    }

    /// <inheritdoc/>
    protected override GovernanceConfiguration CreateInstance(string name)
    {
        string? file = configuration[GovernanceConfiguration.ConfigurationFileKey];

        // Relative to the working directory, as DataDirectory is.
        return string.IsNullOrWhiteSpace(file) ? LoadBuiltIn() : Load(Path.GetFullPath(file));
    }

    private static GovernanceConfiguration Read(Stream stream, string source)
    {
        try
        {
            GovernanceConfiguration configuration = JsonSerializer.Deserialize<GovernanceConfiguration>(stream, Json)
                ?? throw Failure($"Governance configuration '{source}' is null, not an object");
            return configuration with { Source = source };
        }
        catch (JsonException e)
        {
            // Some of the serializer's messages (an unmapped key, for one) leave out where the problem is.
            string where = e.Path is null || e.Message.Contains("Path:", StringComparison.Ordinal)
                ? string.Empty
                : $" Path: {e.Path} | LineNumber: {e.LineNumber} | BytePositionInLine: {e.BytePositionInLine}.";
            throw Failure($"Governance configuration '{source}' is not a valid configuration file: {e.Message}{where}");
        }
    }

    private static OptionsValidationException Failure(string message) =>
        new(Options.DefaultName, typeof(GovernanceConfiguration), [message]);
}
