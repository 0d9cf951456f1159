using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// Argo's artifact passing as pure rules (upstream workflow/controller/scope.go resolveArtifact, operator.go
/// processNodeOutputs/addOutputsToGlobalScope, workflow/artifacts default keyFormat <c>{{workflow.name}}/{{pod.name}}</c>).
/// </summary>
public class ArtifactRulesTests
{
    private static readonly Artifact Stored = new()
    {
        Name = "hello-art",
        Path = "/tmp/hello_world.txt",
        Azure = new AzureArtifact { Blob = "wf/wf-gen-1/hello-art.tgz" },
    };

    private static readonly Dictionary<string, string> Scope = new(StringComparer.Ordinal)
    {
        ["steps.gen.outputs.artifacts.hello-art"] = ArtifactRules.Write(Stored),
        ["steps.flip.outputs.result"] = "heads",
    };

    [Fact]
    public void Resolve_From_TakesTheStepsLocationUnderTheArgumentsName()
    {
        var resolved = ArtifactRules.Resolve(new Artifact { Name = "message", From = "{{steps.gen.outputs.artifacts.hello-art}}" }, Scope, null);

        Assert.Null(resolved.Error);
        Assert.Equal(("message", "wf/wf-gen-1/hello-art.tgz"), (resolved.Artifact!.Name, resolved.Artifact.Azure!.Blob));
    }

    // Upstream examples/conditional-artifacts.yaml: fromExpression picks one step's artifact; the other step never ran.
    [Fact]
    public void Resolve_FromExpression_ChoosesTheBranchThatRan()
    {
        var resolved = ArtifactRules.Resolve(new Artifact
        {
            Name = "result",
            FromExpression = "steps.flip.outputs.result == 'heads' ? steps.gen.outputs.artifacts['hello-art'] : steps.tails.outputs.artifacts.result",
        }, Scope, NCalcExpressionEvaluator.Instance);

        Assert.Null(resolved.Error);
        Assert.Equal("wf/wf-gen-1/hello-art.tgz", resolved.Artifact!.Azure!.Blob);
    }

    [Fact]
    public void Resolve_FromMissingStep_ErrorsUnlessOptional()
    {
        var missing = new Artifact { Name = "m", From = "{{steps.nope.outputs.artifacts.x}}" };

        Assert.Equal("unable to resolve artifact 'm' from {{steps.nope.outputs.artifacts.x}}", ArtifactRules.Resolve(missing, Scope, null).Error);
        Assert.Equal(new ResolvedArtifact(null, null), ArtifactRules.Resolve(missing with { Optional = true }, Scope, null));
    }

    [Fact]
    public void Bind_ArgumentGivesLocation_InputGivesPath_OwnLocationAndOptionalWithout()
    {
        var arguments = new Dictionary<string, string>();
        ArtifactRules.AddArguments(arguments, [new Artifact { Name = "message", From = "{{steps.gen.outputs.artifacts.hello-art}}" }], Scope, null);
        Artifact[] inputs =
        [
            new() { Name = "message", Path = "/tmp/message" },
            new() { Name = "text", Path = "/in/text", Raw = new RawArtifact("{{workflow.name}}") },
            new() { Name = "maybe", Path = "/in/maybe", Optional = true },
        ];

        var (bound, error) = ArtifactRules.Bind(inputs, arguments, new Dictionary<string, string> { ["workflow.name"] = "wf" }, null);

        Assert.Null(error);
        Assert.Equal(2, bound.Count);
        Assert.Equal(("/tmp/message", "wf/wf-gen-1/hello-art.tgz"), (bound[0].Path, bound[0].Azure!.Blob));
        Assert.Equal("wf", bound[1].Raw!.Data);
    }

    [Fact]
    public void Bind_RequiredWithoutSource_IsNotSupplied()
    {
        var (_, error) = ArtifactRules.Bind([new Artifact { Name = "message", Path = "/tmp/m" }], new Dictionary<string, string>(), new Dictionary<string, string>(), null);

        Assert.Equal("inputs.artifacts.message was not supplied", error);
    }

    [Theory]
    [InlineData(ArtifactArchive.Tgz, "wf/wf-pod-1/out.tgz")]
    [InlineData(ArtifactArchive.None, "wf/wf-pod-1/out")]
    public void Destination_WithoutLocation_IsArgosDefaultKey(ArtifactArchive archive, string key)
    {
        var stepKey = ArtifactRepositoryRules.Key(ArtifactRepositoryRules.DefaultKeyFormat, "wf", "wf-pod-1")!;
        var destination = ArtifactRepositoryRules.Destination(new Artifact { Name = "out", Path = "/tmp/out", Archive = archive }, ArtifactRepositoryRules.DefaultLocation, stepKey);

        Assert.Equal((key, true), (destination.Azure!.Blob, destination.Azure.KeyOnly));
    }

    [Fact]
    public void Variables_PathPlaceholders_ForInputsOutputsAndOutputParameters()
    {
        var template = new Template
        {
            Name = "t",
            Body = new ContainerBody(new ContainerSpec()),
            Outputs = new Outputs
            {
                Artifacts = [new Artifact { Name = "text", Path = "/outputs/text/data" }],
                Parameters = [new Parameter { Name = "n", ValueFrom = new ValueFrom { Path = "/outputs/n/data" } }],
            },
        };

        var variables = ArtifactRules.Variables(template, [new Artifact { Name = "text", Path = "/inputs/text/data", Raw = new RawArtifact("1") }]).ToDictionary();

        Assert.Equal("/inputs/text/data", variables["inputs.artifacts.text.path"]);
        Assert.Equal("/outputs/text/data", variables["outputs.artifacts.text.path"]);
        Assert.Equal("/outputs/n/data", variables["outputs.parameters.n.path"]);
    }

    [Fact]
    public void Globals_GlobalName_PublishesWorkflowOutputsArtifacts()
    {
        var declared = new Outputs { Artifacts = [Stored with { GlobalName = "my-global-art", Azure = null }] };

        var global = Assert.Single(ArtifactRules.Globals(declared, [Stored]));

        Assert.Equal("workflow.outputs.artifacts.my-global-art", global.Key);
        Assert.Equal(Stored.Azure!.Blob, ArtifactRules.Read(global.Value)!.Azure!.Blob);
    }

    // Upstream workflow/controller/artifact_gc.go: the artifact's own strategy wins, then spec.artifactGC, then Never.
    [Theory]
    [InlineData(null, null, "Never")]
    [InlineData("OnWorkflowDeletion", null, "OnWorkflowDeletion")]
    [InlineData("OnWorkflowDeletion", "OnWorkflowCompletion", "OnWorkflowCompletion")]
    [InlineData("OnWorkflowCompletion", "", "OnWorkflowCompletion")]
    public void ArtifactGarbage_Strategy_ArtifactsOwnWinsOverTheWorkflows(string? workflow, string? own, string expected)
    {
        var artifact = Stored with { ArtifactGC = own is null ? null : new ArtifactGC(own) };

        Assert.Equal(expected, ArtifactGarbage.Strategy(workflow is null ? null : new ArtifactGC(workflow), artifact));
    }
}
