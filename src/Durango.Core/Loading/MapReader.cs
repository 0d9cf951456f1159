using System.Globalization;
using System.Text.Json.Nodes;
using Durango.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Durango.Core.Loading;

/// <summary>
/// Reads the fields of one YAML mapping, recording each field's position and reporting wrong shapes. When the
/// reader is finished, every field nobody asked for is reported as unknown, Kubernetes-only or unsupported.
/// </summary>
internal sealed class MapReader
{
    private const int MaxJsonDepth = 64;
    private readonly LoadContext _context;
    private readonly FieldPolicy _policy;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public MapReader(LoadContext context, YamlMappingNode node, string path, FieldPolicy policy)
    {
        _context = context;
        _policy = policy;
        Path = path;
        foreach (var (key, value) in node.Children)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;
            var fieldPath = SpecPath.Field(path, name);
            context.Record(fieldPath, value);
            if (!_fields.TryAdd(name, (key, value)))
            {
                context.Error(DiagnosticCodes.WrongType, fieldPath, $"'{name}' appears twice; keep one");
            }
        }
    }

    public string Path { get; }

    public LoadContext Context => _context;

    public IEnumerable<string> Keys => _fields.Keys;

    public bool Has(string key)
    {
        _asked.Add(key);
        return _fields.ContainsKey(key);
    }

    public YamlNode? Node(string key)
    {
        _asked.Add(key);
        return _fields.TryGetValue(key, out var field) ? field.Value : null;
    }

    public string FieldPath(string key) => SpecPath.Field(Path, key);

    /// <summary>The key node of field <paramref name="key"/>, where diagnostics about the field itself point.</summary>
    public YamlNode? KeyNode(string key) => _fields.TryGetValue(key, out var field) ? field.Key : null;

    public string? String(string key)
    {
        var node = Node(key);
        return node is null ? null : Scalar(node, FieldPath(key));
    }

    public string RequiredString(string key, string what)
    {
        var value = String(key);
        if (string.IsNullOrEmpty(value))
        {
            _context.Error(DiagnosticCodes.Required, FieldPath(key), $"'{key}' is required: {what}");
        }

        return value ?? string.Empty;
    }

    /// <summary>An int-or-string (Argo's <c>IntOrString</c>): <c>limit: 2</c> and <c>limit: "2"</c> alike.</summary>
    public string? IntOrString(string key) => String(key);

    public int? Int(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _context.Error(DiagnosticCodes.WrongType, FieldPath(key), $"'{key}' must be a whole number, not '{text}'");
        return null;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        _context.Error(DiagnosticCodes.WrongType, FieldPath(key), $"'{key}' must be true or false, not '{text}'");
        return null;
    }

    public IReadOnlyList<string> StringList(string key) =>
        List(key, (node, path) => Scalar(node, path)).OfType<string>().ToList();

    public IReadOnlyList<T> List<T>(string key, Func<YamlNode, string, T?> read)
    {
        var node = Node(key);
        var path = FieldPath(key);
        if (node is null || IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            _context.Error(DiagnosticCodes.WrongType, path, $"'{key}' must be a list, found {LoadContext.Describe(node)}");
            return [];
        }

        var items = new List<T>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = SpecPath.Index(path, i);
            _context.Record(itemPath, sequence.Children[i]);
            if (read(sequence.Children[i], itemPath) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    public MapReader? Map(string key, FieldPolicy policy)
    {
        var node = Node(key);
        return node is null ? null : _context.Map(node, FieldPath(key), policy);
    }

    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var reader = Map(key, FieldPolicy.Strict);
        if (reader is null)
        {
            return new Dictionary<string, string>();
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in reader.Keys.ToList())
        {
            result[name] = reader.String(name) ?? string.Empty;
        }

        return result;
    }

    public JsonNode? Json(string key)
    {
        var node = Node(key);
        return node is null ? null : ToJson(node, FieldPath(key), 0);
    }

    /// <summary>Reports every field that no reader asked for.</summary>
    public void Finish()
    {
        // Diagnostics about a field itself point at its key, not its value.
        foreach (var (name, (key, _)) in _fields.Where(f => !_asked.Contains(f.Key)))
        {
            var path = FieldPath(name);
            if (_policy.KubernetesOnly.Contains(name))
            {
                _context.Report(Severity.Warning, DiagnosticCodes.KubernetesOnly, path, $"ignored: Kubernetes-only field '{name}'", key);
            }
            else if (_policy.NotSupported.TryGetValue(name, out var feature))
            {
                _context.Report(Severity.Error, DiagnosticCodes.NotSupported, path,
                    $"not supported: '{name}' ({feature}); Durango cannot run it; remove it to run this workflow", key);
            }
            else if (_policy.Ignored.TryGetValue(name, out var ignored))
            {
                _context.Report(Severity.Warning, DiagnosticCodes.NotSupported, path, $"ignored: '{name}' ({ignored}) has no effect in Durango", key);
            }
            else
            {
                var hint = Suggest(name) is { } near ? $"; did you mean '{near}'?" : "; remove it or check its indentation";
                _context.Report(Severity.Error, DiagnosticCodes.UnknownField, path, $"unknown field '{name}'{hint}", key);
            }
        }
    }

    public string? Scalar(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar)
        {
            return IsNullScalar(scalar) ? null : scalar.Value;
        }

        _context.Error(DiagnosticCodes.WrongType, path, $"expected a single value, found {LoadContext.Describe(node)}");
        return null;
    }

    public JsonNode? ToJson(YamlNode node, string path, int depth)
    {
        if (depth > MaxJsonDepth)
        {
            _context.Error(DiagnosticCodes.WrongType, path, "value nests too deeply; flatten it");
            return null;
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return ScalarToJson(scalar);
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(ToJson(sequence.Children[i], SpecPath.Index(path, i), depth + 1));
                }

                return array;
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                    obj[name] = ToJson(value, SpecPath.Field(path, name), depth + 1);
                }

                return obj;
            default:
                return null;
        }
    }

    private static JsonValue? ScalarToJson(YamlScalarNode scalar)
    {
        if (scalar.Style is ScalarStyle.Plain)
        {
            var text = scalar.Value ?? string.Empty;
            if (IsNullScalar(scalar))
            {
                return null;
            }

            if (bool.TryParse(text, out var b))
            {
                return JsonValue.Create(b);
            }

            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            {
                return JsonValue.Create(l);
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            {
                return JsonValue.Create(d);
            }
        }

        return JsonValue.Create(scalar.Value ?? string.Empty);
    }

    private static bool IsNull(YamlNode node) => node is YamlScalarNode scalar && IsNullScalar(scalar);

    private static bool IsNullScalar(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private string? Suggest(string name) =>
        _asked.Where(k => !_fields.ContainsKey(k))
            .Select(k => (Key: k, Distance: EditDistance.Between(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, name.Length / 3))
            .OrderBy(c => c.Distance)
            .Select(c => c.Key)
            .FirstOrDefault();
}
