using System.Text.Json.Nodes;
using Durango.Api.Http;
using Durango.Api.Lists;

namespace Durango.Server.Tests.Api;

/// <summary>argo-server's list options: Kubernetes label and field selectors, the <c>fields</c> projection, request envelopes.</summary>
public class ListOptionsTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["team"] = "blue", ["tier"] = "gold", ["workflows.argoproj.io/phase"] = "Running" };

    [Theory]
    [InlineData("team=blue", true)]
    [InlineData("team==blue", true)]
    [InlineData("team!=blue", false)]
    [InlineData("team", true)]
    [InlineData("!team", false)]
    [InlineData("!nothing", true)]
    [InlineData("nothing!=x", true)]
    [InlineData("team in (red, blue)", true)]
    [InlineData("team notin (red,blue)", false)]
    [InlineData("workflows.argoproj.io/phase in (Running,Pending),tier=gold", true)]
    [InlineData("workflows.argoproj.io/phase in (Succeeded),tier=gold", false)]
    [InlineData("", true)]
    public void LabelSelector_KubernetesSyntax_MatchesAsKubernetesDoes(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("team in blue")]
    [InlineData("a,,b")]
    [InlineData("=x")]
    [InlineData("a b=c")]
    public void LabelSelector_Malformed_FormatException(string selector) =>
        Assert.Throws<FormatException>(() => LabelSelector.Parse(selector));

    [Fact]
    public void FieldSelector_NameAndNamespace_OnlyThoseFields()
    {
        var selector = FieldSelector.Parse("metadata.name=a,metadata.namespace!=b");

        Assert.Equal("a", selector.Name);
        Assert.True(selector.Matches("argo", "a"));
        Assert.False(selector.Matches("b", "a"));
        Assert.Throws<FormatException>(() => FieldSelector.Parse("spec.entrypoint=x"));
    }

    [Theory]
    [InlineData(null, "hello-abcde", false)]
    [InlineData("Exact", "hello", true)]
    [InlineData("Prefix", "hello-abcde", true)]
    [InlineData("Contains", "say-hello-abcde", true)]
    [InlineData("Prefix", "say-hello", false)]
    public void FieldSelector_NameFilter_AsArgoServer(string? filter, string name, bool matches)
    {
        var selector = FieldSelector.Parse("metadata.name=hello").WithNameFilter(filter);

        Assert.Equal(matches, selector.Matches("argo", name));
        Assert.Equal(filter is null or "Exact" ? "hello" : null, selector.Name);
    }

    [Fact]
    public void FieldProjection_IncludeAndExclude_ThroughArrays()
    {
        JsonNode List() => JsonNode.Parse("""{"metadata": {"continue": "2"}, "items": [{"metadata": {"name": "a", "uid": "1"}, "status": {"phase": "Running", "nodes": {"x": {}}}}]}""")!;

        var kept = FieldProjection.Parse("items.metadata.name,items.status.phase")!.Apply(List());
        var dropped = FieldProjection.Parse("-items.status.nodes")!.Apply(List());

        Assert.Equal("""{"items":[{"metadata":{"name":"a"},"status":{"phase":"Running"}}]}""", kept.ToJsonString());
        Assert.Null(dropped["items"]![0]!["status"]!["nodes"]);
        Assert.Equal("1", dropped["items"]![0]!["metadata"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public void JsonEnvelope_EmbeddedObject_KeepsItsLinesAndGetsTheDefaultKind()
    {
        const string Body = "{\n  \"namespace\": \"argo\",\n  \"workflow\": {\n    \"metadata\": {\"name\": \"x\"}\n  }\n}";

        var (envelope, error) = JsonEnvelope.Read(Body, "workflow", defaultKind: "Workflow");

        Assert.Null(error);
        Assert.Equal("argo", envelope!.String("namespace"));
        var lines = envelope.ObjectText!.Split('\n');
        Assert.Contains("\"kind\":\"Workflow\"", lines[2], StringComparison.Ordinal);
        Assert.Contains("\"metadata\"", lines[3], StringComparison.Ordinal);
        Assert.Equal(string.Empty, lines[1].Trim());
    }

    [Fact]
    public void JsonEnvelope_DuplicateKeyOrTooDeep_DiagnosticAtItsPlace()
    {
        var (_, duplicate) = JsonEnvelope.Read("{\"a\": 1,\n \"a\": 2}", null);
        var (_, deep) = JsonEnvelope.Read("{\"workflow\": " + new string('[', 100_000) + new string(']', 100_000) + "}", "workflow");

        Assert.Equal(2, duplicate!.Location!.Line);
        Assert.Equal(2, duplicate.Location.Column);
        Assert.Contains("depth", deep!.Message, StringComparison.OrdinalIgnoreCase);
    }
}
