using Durango.Api.Workflows;

namespace Durango.Server.Tests.Api;

/// <summary>A workflow's spec as JSON is converted from its YAML once, however often the workflow is read (watch, live tree).</summary>
public sealed class WorkflowSpecsTests
{
    private const string Yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: specs}
        spec:
          entrypoint: main
          templates:
            - name: main
              container: {image: alpine, command: ["true"]}
        """;

    [Fact]
    public void Of_ReadManyTimes_ConvertsTheYamlOnce()
    {
        var specs = new WorkflowSpecs();

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal("main", specs.Of("specs", Yaml, 0)!["entrypoint"]!.GetValue<string>());
        }

        Assert.Equal(1, specs.Conversions);
    }

    [Fact]
    public void Of_CallerChangesItsCopy_TheNextReadIsUnchanged()
    {
        var specs = new WorkflowSpecs();

        specs.Of("specs", Yaml, 0)!.AsObject()["suspend"] = true;

        Assert.Null(specs.Of("specs", Yaml, 0)!["suspend"]);
    }

    [Fact]
    public void Of_SameNameOtherSource_IsConvertedAgain()
    {
        var specs = new WorkflowSpecs();
        specs.Of("specs", Yaml, 0);

        var other = specs.Of("specs", Yaml.Replace("entrypoint: main", "entrypoint: other", StringComparison.Ordinal), 0);

        Assert.Equal("other", other!["entrypoint"]!.GetValue<string>());
        Assert.Equal(2, specs.Conversions);
    }
}
