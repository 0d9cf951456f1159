using System.Text.Json;

namespace Durango.Server.Tests.Contract;

/// <summary>
/// Checks a JSON value against a schema of <see cref="SwaggerDocument"/>: every property present must be declared
/// (through <c>$ref</c>, arrays' <c>items</c> and <c>additionalProperties</c> maps, recursively), and every value must
/// have its declared JSON type. A null counts as absent. Required properties are not checked: the contract is about
/// what a client may be sent, and argo's own answers leave out fields its document marks required.
/// </summary>
/// <remarks>
/// The document's types are taken as declared, with the wire formats of a few well-known types:
/// Kubernetes <c>Time</c> is an RFC 3339 string; <c>IntOrString</c> is a string or an integer (that is what it is on
/// the wire, and how workflow specs write <c>retryStrategy.limit</c>); <c>google.protobuf.Any</c> is written by
/// grpc-gateway per the proto3 JSON mapping, <c>{"@type": url, ...fields of the packed message}</c>, not as the Go
/// struct's <c>{type_url, value}</c> the document shows, so an Any must carry a string <c>@type</c> and its other
/// fields (described by the message the URL names, which the document does not define) are not checked.
/// </remarks>
internal sealed class SwaggerSchemaCheck(SwaggerDocument document)
{
    private const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    private const string Any = "google.protobuf.Any";

    /// <summary>Objects the document declares as <c>type: object</c> with no properties that are free-form maps, not empty messages.</summary>
    private static readonly HashSet<string> FreeForm = new(StringComparer.Ordinal)
    {
        "io.argoproj.workflow.v1alpha1.Plugin", // a plugin template's body is the plugin's own configuration
        "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1", // managedFields' field sets
    };

    /// <summary>The problems of <paramref name="value"/> against <paramref name="schema"/>; empty when it conforms.</summary>
    public IReadOnlyList<string> Problems(JsonElement value, JsonElement schema)
    {
        var problems = new List<string>();
        Check(value, schema, "$", "(inline schema)", problems);
        return problems;
    }

    /// <summary>The problems of <paramref name="value"/> against the definition named <paramref name="definition"/>.</summary>
    public IReadOnlyList<string> Problems(JsonElement value, string definition)
    {
        var problems = new List<string>();
        Check(value, document.Definition(definition), "$", definition, problems);
        return problems;
    }

    private void Check(JsonElement value, JsonElement schema, string path, string owner, List<string> problems)
    {
        while (SwaggerDocument.ReferenceName(schema) is { } name)
        {
            owner = name;
            schema = document.Definition(name);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (owner == IntOrString)
        {
            Expect(value.ValueKind is JsonValueKind.String || IsInteger(value), "a string or an integer (IntOrString)");
            return;
        }

        if (owner == Any)
        {
            Expect(value.ValueKind == JsonValueKind.Object && value.TryGetProperty("@type", out var url) && url.ValueKind == JsonValueKind.String,
                "an object with a string '@type' (google.protobuf.Any in proto3 JSON)");
            return;
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : schema.TryGetProperty("properties", out _) ? "object" : null;
        switch (type)
        {
            case null:
                return; // {} is any value (argo's Item)
            case "string":
                Expect(value.ValueKind == JsonValueKind.String, "a string");
                return;
            case "integer":
                Expect(IsInteger(value), "an integer");
                return;
            case "number":
                Expect(value.ValueKind == JsonValueKind.Number, "a number");
                return;
            case "boolean":
                Expect(value.ValueKind is JsonValueKind.True or JsonValueKind.False, "a boolean");
                return;
            case "array":
                if (Expect(value.ValueKind == JsonValueKind.Array, "an array") && schema.TryGetProperty("items", out var items))
                {
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Check(item, items, $"{path}[{i++}]", owner, problems);
                    }
                }

                return;
            case "object":
                if (Expect(value.ValueKind == JsonValueKind.Object, "an object"))
                {
                    CheckObject(value, schema, path, owner, problems);
                }

                return;
            default:
                throw new NotSupportedException($"schema type '{type}' at {path} ({owner})");
        }

        bool Expect(bool holds, string what)
        {
            if (!holds)
            {
                problems.Add($"{path}: {value.ValueKind} where {owner} declares {what}");
            }

            return holds;
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, string owner, List<string> problems)
    {
        var declared = schema.TryGetProperty("properties", out var properties) ? properties : (JsonElement?)null;
        var map = schema.TryGetProperty("additionalProperties", out var additional) ? additional : (JsonElement?)null;
        var freeForm = map is { ValueKind: JsonValueKind.True } || (declared is null && map is null && FreeForm.Contains(owner));
        foreach (var property in value.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            if (declared is { } props && props.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, at, owner, problems);
            }
            else if (map is { ValueKind: JsonValueKind.Object } mapSchema)
            {
                Check(property.Value, mapSchema, at, owner, problems);
            }
            else if (!freeForm)
            {
                problems.Add($"{at}: property '{property.Name}' is not declared in {owner}");
            }
        }
    }

    private static bool IsInteger(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _);
}
