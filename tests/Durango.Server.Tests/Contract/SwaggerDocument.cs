using System.Text.Json;

namespace Durango.Server.Tests.Contract;

/// <summary>One operation of the document: where it lives, its id, and the schemas of its body and its 200 answer.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path template, with its leading slash, as the document spells it.</param>
/// <param name="OperationId">argo-server's operation id.</param>
/// <param name="Body">The schema of the <c>in: body</c> parameter, if the operation takes one.</param>
/// <param name="Response">The schema of the 200 answer.</param>
internal sealed record SwaggerOperation(string Method, string Path, string OperationId, JsonElement? Body, JsonElement? Response);

/// <summary>
/// A small reader of argo-server's OpenAPI 2 document (<c>Contract/argo-swagger.json</c>, Argo Workflows v4.1.2):
/// its paths and operations, its definitions, and <c>$ref</c> resolution.
/// </summary>
internal sealed class SwaggerDocument
{
    private const string DefinitionPrefix = "#/definitions/";

    private readonly JsonElement _root;

    private SwaggerDocument(JsonElement root) => _root = root;

    /// <summary>The vendored document, read once from the test output.</summary>
    public static SwaggerDocument Argo { get; } = Load(Path.Combine(AppContext.BaseDirectory, "Contract", "argo-swagger.json"));

    /// <summary>Every operation of the document.</summary>
    public IEnumerable<SwaggerOperation> Operations =>
        _root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(op => op.Value.ValueKind == JsonValueKind.Object && op.Value.TryGetProperty("operationId", out _))
            .Select(op => Operation(path.Name, op.Name, op.Value)));

    /// <summary>Reads the document at <paramref name="file"/>.</summary>
    public static SwaggerDocument Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return new SwaggerDocument(document.RootElement.Clone());
    }

    /// <summary>The operation at <paramref name="method"/> <paramref name="path"/> (e.g. <c>/api/v1/workflows/{namespace}</c>), or null.</summary>
    public SwaggerOperation? Find(string method, string path) =>
        _root.GetProperty("paths").TryGetProperty(path, out var item) && item.TryGetProperty(method.ToLowerInvariant(), out var op)
            ? Operation(path, method, op)
            : null;

    /// <summary>The operation named <paramref name="operationId"/>; fails when the document has none.</summary>
    public SwaggerOperation ById(string operationId) =>
        Operations.FirstOrDefault(o => o.OperationId == operationId)
        ?? throw new KeyNotFoundException($"argo-server's document has no operation '{operationId}'");

    /// <summary>The definition named <paramref name="name"/> (e.g. <c>io.argoproj.workflow.v1alpha1.Workflow</c>).</summary>
    public JsonElement Definition(string name) =>
        _root.GetProperty("definitions").TryGetProperty(name, out var definition)
            ? definition
            : throw new KeyNotFoundException($"argo-server's document has no definition '{name}'");

    /// <summary>The definition name a <c>$ref</c> schema points at, or null when <paramref name="schema"/> is not a reference.</summary>
    public static string? ReferenceName(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } text
            ? text.StartsWith(DefinitionPrefix, StringComparison.Ordinal)
                ? text[DefinitionPrefix.Length..]
                : throw new NotSupportedException($"only local definitions are resolved, not '{text}'")
            : null;

    /// <summary><paramref name="schema"/> with its <c>$ref</c> chain followed to the definition.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; ReferenceName(schema) is { } name; hops++)
        {
            if (hops > 32)
            {
                throw new InvalidOperationException($"$ref chain too long at '{name}'");
            }

            schema = Definition(name);
        }

        return schema;
    }

    private static SwaggerOperation Operation(string path, string method, JsonElement op)
    {
        JsonElement? body = op.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "body").Select(p => (JsonElement?)p.GetProperty("schema")).FirstOrDefault()
            : null;
        JsonElement? response = op.TryGetProperty("responses", out var responses) && responses.TryGetProperty("200", out var ok) && ok.TryGetProperty("schema", out var schema)
            ? schema
            : null;
        return new SwaggerOperation(method.ToUpperInvariant(), path, op.GetProperty("operationId").GetString()!, body, response);
    }
}
