using System.Text.Json;

namespace Durango.Api.Templates;

/// <summary>argo's SubmitOpts, the part Durango honours: a name, an entrypoint, parameters, labels, annotations, a dry run.</summary>
public sealed record SubmitOptions
{
    /// <summary>The workflow's name.</summary>
    public string? Name { get; init; }

    /// <summary>The workflow's name prefix.</summary>
    public string? GenerateName { get; init; }

    /// <summary>An entrypoint instead of the template's.</summary>
    public string? Entrypoint { get; init; }

    /// <summary>Parameter values, <c>name=value</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Labels to add.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Annotations to add.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Validate only.</summary>
    public bool DryRun { get; init; }

    /// <summary>Reads argo's <c>submitOptions</c> object (absent: the defaults). Throws <see cref="FormatException"/> on a malformed value.</summary>
    public static SubmitOptions Read(JsonElement? options)
    {
        if (options is not { } o)
        {
            return new SubmitOptions();
        }

        return new SubmitOptions
        {
            Name = String(o, "name"),
            GenerateName = String(o, "generateName"),
            Entrypoint = String(o, "entryPoint") ?? String(o, "entrypoint"),
            Parameters = o.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Select(v => Pair(v.GetString() ?? string.Empty, "parameters")).ToList()
                : [],
            Labels = Pairs(String(o, "labels"), "labels"),
            Annotations = Pairs(String(o, "annotations"), "annotations"),
            DryRun = Bool(o, "dryRun") || Bool(o, "serverDryRun"),
        };
    }

    /// <summary>
    /// SubmitOpts given as query values (<c>submitOptions.parameters=k=v</c>, repeatable; <c>submitOptions.generateName</c>,
    /// <c>.name</c>, <c>.entryPoint</c>, <c>.labels</c>): how a YAML body, which has no request object around it, carries them.
    /// </summary>
    public static SubmitOptions FromQuery(Func<string, IEnumerable<string>> values)
    {
        string? One(string name) => values($"submitOptions.{name}").FirstOrDefault();
        return new SubmitOptions
        {
            Name = One("name"),
            GenerateName = One("generateName"),
            Entrypoint = One("entryPoint"),
            Parameters = values("submitOptions.parameters").Select(p => Pair(p, "submitOptions.parameters")).ToList(),
            Labels = Pairs(One("labels"), "submitOptions.labels"),
            Annotations = Pairs(One("annotations"), "submitOptions.annotations"),
        };
    }

    /// <summary>Parses <c>name=value</c>.</summary>
    public static KeyValuePair<string, string> Pair(string text, string what)
    {
        var cut = text.IndexOf('=', StringComparison.Ordinal);
        return cut > 0 ? KeyValuePair.Create(text[..cut], text[(cut + 1)..]) : throw new FormatException($"{what}: '{text}' must look like name=value");
    }

    private static Dictionary<string, string> Pairs(string? text, string what) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => Pair(t, what)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static bool Bool(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
