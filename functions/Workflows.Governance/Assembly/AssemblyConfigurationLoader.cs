using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Workflows.Governance.Assembly;

/// <summary>Creates the assembly configuration from the file <c>Assembly:ConfigurationFile</c> names, or from the built-in
/// assembly, before the configure and validate steps of the options pattern.</summary>
/// <remarks>A file that cannot be read or parsed fails as an <see cref="OptionsValidationException"/>, so that a start
/// fails with the same kind of message as for a file whose content is invalid.</remarks>
internal sealed class AssemblyConfigurationLoader(
    IConfiguration configuration,
    IEnumerable<IConfigureOptions<AssemblyConfiguration>> setups,
    IEnumerable<IPostConfigureOptions<AssemblyConfiguration>> postConfigures,
    IEnumerable<IValidateOptions<AssemblyConfiguration>> validations)
    : OptionsFactory<AssemblyConfiguration>(setups, postConfigures, validations)
{
    /// <summary>The <see cref="AssemblyConfiguration.Source"/> of the built-in configuration.</summary>
    public const string BuiltInSource = "built-in assembly.json";

    private const string BuiltInResource = "Workflows.Governance.Assembly.assembly.json";

    // Strict, so that a misspelt key is an error at start rather than a silently empty list.
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    /// <summary>The built-in assembly.</summary>
    public static AssemblyConfiguration LoadBuiltIn()
    {
        using Stream resource = typeof(AssemblyConfigurationLoader).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"The resource {BuiltInResource} is missing from the assembly.");
        return Parse(resource, BuiltInSource);
    }

    /// <summary>The assembly in the JSON file at <paramref name="path"/>.</summary>
    /// <exception cref="OptionsValidationException">The file cannot be read, or is not an assembly configuration.</exception>
    public static AssemblyConfiguration LoadFile(string path)
    {
        Stream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid($"{AssemblyConfiguration.ConfigurationFileKey} '{path}' cannot be read: {e.Message}");
        }

        using (file)
        {
            return Parse(file, path);
        }
    }

    /// <inheritdoc/>
    protected override AssemblyConfiguration CreateInstance(string name)
    {
        string? path = configuration[AssemblyConfiguration.ConfigurationFileKey];
        return string.IsNullOrWhiteSpace(path) ? LoadBuiltIn() : LoadFile(Path.GetFullPath(path));
    }

    private static AssemblyConfiguration Parse(Stream json, string source)
    {
        AssemblyConfiguration? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<AssemblyConfiguration>(json, Strict);
        }
        catch (JsonException e)
        {
            string line = e.LineNumber is { } number ? $" (line {number + 1})" : string.Empty;
            throw Invalid($"Assembly configuration '{source}' is not a valid configuration file{line}: {e.Message}");
        }

        return parsed is null
            ? throw Invalid($"Assembly configuration '{source}' is null, not an object")
            : parsed with { Source = source };
    }

    private static OptionsValidationException Invalid(string message) =>
        new(Options.DefaultName, typeof(AssemblyConfiguration), [message]);
}
