using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Validation;
using Durango.Testing;

namespace Durango.Core.Tests.Validation;

public class WorkflowValidatorTests
{
    private static InMemoryTemplateRegistry SeedTemplates() => new(
        new[] { "cluster-template-notify-webhook.yaml", "cluster-template-notify-email.yaml" }
            .SelectMany(f => WorkflowLoader.Load(File.ReadAllText(ConformanceCorpus.Seed(f)), f).Documents)
            .Select(d => d.Document));

    [Theory]
    [InlineData("exit-handlers.yaml")]
    [InlineData("lifecycle-hook-wf-level.yaml")]
    [InlineData("lifecycle-hook-tmpl-level.yaml")]
    [InlineData("cluster-template-notify-webhook.yaml")]
    [InlineData("cluster-template-notify-email.yaml")]
    public void Lint_ValidSeed_HasNoDiagnostics(string file)
    {
        var result = WorkflowValidator.Lint(File.ReadAllText(ConformanceCorpus.Seed(file)), file);

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Lint_SeedExitOnly_RejectsMissingTemplateNamingStep()
    {
        var result = WorkflowValidator.Lint(File.ReadAllText(ConformanceCorpus.Seed("lifecycle-hook-exit-only.yaml")), "exit-only.yaml");

        var error = Assert.Single(result.Diagnostics);
        Assert.True(error.IsError);
        Assert.Equal(DiagnosticCodes.UnknownTemplate, error.Code);
        Assert.StartsWith("templates.main.steps[0].step1 template name 'heads' undefined", error.Message, StringComparison.Ordinal);
        Assert.Equal("spec.templates[0].steps[0][0].template", error.Path);
        Assert.Equal("exit-only.yaml:18:19: error: " + error.Message + " (spec.templates[0].steps[0][0].template)", error.ToString());
    }

    [Theory]
    [InlineData("exit-1.yaml")]
    [InlineData("exit-handler-fail-missing-output.yaml")]
    [InlineData("exit-handler-failed.yaml")]
    [InlineData("retry-workflow-with-failed-exit-handler.yaml")]
    [InlineData("success-hook.yaml")]
    [InlineData("with-items-with-hooks.yaml")]
    [InlineData("workflow-exit-handler-sleep.yaml")]
    [InlineData("workflow-hook-parameter.yaml")]
    [InlineData("workflow-template-invalid-onexit.yaml")]
    public void Lint_ArgoE2EFixture_HasNoErrors(string file)
    {
        var result = WorkflowValidator.Lint(File.ReadAllText(ConformanceCorpus.ArgoE2E(file)), file);

        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void Lint_TemplateRefToInstalledClusterTemplate_Resolves()
    {
        var yaml = Specs.Workflow("""
            - name: main
              container: {image: alpine, command: [sh, -c, "exit 1"]}
            - name: notify
              steps:
              - - name: hook
                  templateRef: {name: step-notify-webhook, template: webhook, clusterScope: true}
                  arguments:
                    parameters: [{name: WEBHOOK_ENDPOINT, value: "http://127.0.0.1:9/x"}]
            """, extraSpec: "onExit: notify");

        Assert.Empty(Specs.Errors(yaml, SeedTemplates()));
        var missing = Assert.Single(Specs.Errors(yaml));
        Assert.Contains("ClusterWorkflowTemplate 'step-notify-webhook' not found", missing.Message, StringComparison.Ordinal);
    }

    // Upstream's GetExitHook and WithArgs (TestGlobalVarsOnExit): the workflow's exit handler is called with the
    // workflow's arguments, unless a `hooks.exit` gives its own.
    [Theory]
    [InlineData("onExit: bye")]
    [InlineData("hooks: {exit: {template: bye}}")]
    public void Lint_ExitHandlerInputFromWorkflowArguments_Supplied(string exit)
    {
        var yaml = Specs.Workflow("""
            - name: main
              container: {image: alpine, command: [echo, "{{workflow.parameters.message}}"]}
            - name: bye
              inputs: {parameters: [{name: message}]}
              container: {image: alpine, command: [echo, "{{inputs.parameters.message}}"]}
            """, extraSpec: "arguments: {parameters: [{name: message, value: hi}]}\n" + exit);

        Assert.Empty(Specs.Errors(yaml));
    }

    [Fact]
    public void Lint_ExitHandlerInputNotInWorkflowArguments_SaysWhichParameter()
    {
        var yaml = Specs.Workflow("""
            - name: main
              container: {image: alpine, command: [echo]}
            - name: bye
              inputs: {parameters: [{name: message}]}
              container: {image: alpine, command: [echo, "{{inputs.parameters.message}}"]}
            """, extraSpec: "onExit: bye");

        var error = Assert.Single(Specs.Errors(yaml));
        Assert.Contains("spec.onExit.arguments.parameters.message was not supplied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_TemplateRefWithoutRequiredArgument_SaysWhichParameter()
    {
        var yaml = Specs.Workflow("""
            - name: main
              steps:
              - - name: hook
                  templateRef: {name: step-notify-webhook, template: webhook, clusterScope: true}
            """);

        var error = Assert.Single(Specs.Errors(yaml, SeedTemplates()));
        Assert.Equal(DiagnosticCodes.MissingParameter, error.Code);
        Assert.Contains("arguments.parameters.WEBHOOK_ENDPOINT was not supplied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_HookWithoutExpression_IsArgoError()
    {
        var yaml = Specs.Workflow("""
            - name: main
              steps:
              - - name: step-1
                  template: echo
                  hooks:
                    failure: {template: echo}
            - name: echo
              container: {image: alpine}
            """);

        var error = Assert.Single(Specs.Errors(yaml));
        Assert.StartsWith("templates.main.steps[0].step-1.failure Expression required", error.Message, StringComparison.Ordinal);
        Assert.Equal("spec.templates[0].steps[0][0].hooks.failure", error.Path);
    }

    [Fact]
    public void Lint_WorkflowExitHookExpression_IsIgnoredWithWarning()
    {
        var yaml = Specs.Workflow("""
            - name: main
              container: {image: alpine}
            """, extraSpec: """
            hooks:
              exit: {template: main, expression: "workflow.status == 'Failed'"}
            """);

        var warning = Assert.Single(Specs.Lint(yaml));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("expression is ignored", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_DagCycle_NamesTheCycle()
    {
        var yaml = Specs.Workflow("""
            - name: main
              dag:
                tasks:
                - {name: a, template: t, dependencies: [c]}
                - {name: b, template: t, dependencies: [a]}
                - {name: c, template: t, depends: b}
            - name: t
              container: {image: alpine}
            """);

        var error = Assert.Single(Specs.Errors(yaml));
        Assert.Equal(DiagnosticCodes.Dag, error.Code);
        Assert.Contains("dependency cycle a -> c -> b -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_DagProblems_AreAllReported()
    {
        var yaml = Specs.Workflow("""
            - name: main
              dag:
                tasks:
                - {name: a, template: t, depends: "b && c", dependencies: [b]}
                - {name: b, template: t, depends: "a.Bogus"}
                - {name: c, template: t, depends: "(a"}
            - name: t
              container: {image: alpine}
            """);

        var errors = Specs.Errors(yaml).Select(e => e.Message).ToList();

        Assert.Contains(errors, m => m.Contains("uses both 'depends' and 'dependencies'", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.Contains("unknown result 'Bogus'", StringComparison.Ordinal));
        Assert.Contains(errors, m => m.Contains("invalid depends '(a'", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_DagUnknownDependency_IsError()
    {
        var yaml = Specs.Workflow("""
            - name: main
              dag:
                tasks:
                - {name: a, template: t, dependencies: [nope]}
            - name: t
              container: {image: alpine}
            """);

        Assert.Contains("depends on 'nope', which is not a task of this DAG", Assert.Single(Specs.Errors(yaml)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_FailuresOutsideExitHandler_IsError()
    {
        var yaml = Specs.Workflow("""
            - name: main
              container: {image: alpine, args: ["{{workflow.failures}}"]}
            """);

        var error = Assert.Single(Specs.Errors(yaml));
        Assert.Equal(DiagnosticCodes.UnresolvedReference, error.Code);
        Assert.Equal("spec.templates[0].container.args[0]", error.Path);
    }

    [Fact]
    public void Lint_StepReferencesSameGroupOrLoopItemOutside_AreErrors()
    {
        var yaml = Specs.Workflow("""
            - name: main
              inputs:
                parameters: [{name: x, value: "1"}]
              steps:
              - - name: a
                  template: t
                - name: b
                  template: t
                  arguments:
                    parameters: [{name: p, value: "{{steps.a.outputs.result}} {{item}} {{inputs.parameters.x}} {{inputs.parameters.y}}"}]
              - - name: c
                  template: t
                  arguments:
                    parameters: [{name: p, value: "{{steps.a.outputs.result}} {{steps.b.exitCode}}"}]
            - name: t
              inputs:
                parameters: [{name: p, value: ""}]
              container: {image: alpine}
            """);

        var messages = Specs.Errors(yaml).Select(e => e.Message).ToList();

        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("failed to resolve {{steps.a.outputs.result}}", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("failed to resolve {{item}}", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("failed to resolve {{inputs.parameters.y}}", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_DagTaskReferencesNonAncestor_IsError()
    {
        var yaml = Specs.Workflow("""
            - name: main
              dag:
                tasks:
                - {name: a, template: t}
                - {name: b, template: t}
                - name: c
                  template: t
                  depends: a
                  arguments:
                    parameters: [{name: p, value: "{{tasks.a.outputs.result}}{{tasks.b.outputs.result}}"}]
            - name: t
              inputs:
                parameters: [{name: p, value: ""}]
              container: {image: alpine}
            """);

        var error = Assert.Single(Specs.Errors(yaml));
        Assert.StartsWith("failed to resolve {{tasks.b.outputs.result}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_LongChains_ResolveEachReference_AndAHintListsTwentyNames()
    {
        // 10,000 steps and a 10,000-task DAG chain, each naming the one before it. Checked with a set per step or task
        // (the DAG's ancestors: 50 million names in all) this took 10 s and 1.4 GB; the last reference in each is wrong.
        const int Length = 10_000;
        var steps = string.Concat(Enumerable.Range(1, Length - 1).Select(i =>
            $"  - - {{name: s{i}, template: t, arguments: {{parameters: [{{name: p, value: '{{{{steps.s{i - 1}.outputs.result}}}}'}}]}}}}\n"));
        var tasks = string.Concat(Enumerable.Range(1, Length - 1).Select(i =>
            $"    - {{name: d{i}, template: t, depends: d{i - 1}, arguments: {{parameters: [{{name: p, value: '{{{{tasks.d{i - 1}.outputs.result}}}}'}}]}}}}\n"));
        var yaml = Specs.Workflow($$$"""
            - name: main
              steps:
              - - {name: s0, template: t, arguments: {parameters: [{name: p, value: x}]}}
            {{{steps}}}  - - {name: last, template: t, arguments: {parameters: [{name: p, value: '{{steps.last.outputs.result}}'}]}}
            - name: graph
              dag:
                tasks:
                - {name: d0, template: t, arguments: {parameters: [{name: p, value: x}]}}
            {{{tasks}}}    - {name: side, template: t, arguments: {parameters: [{name: p, value: x}]}}
                - {name: end, template: t, depends: d9999, arguments: {parameters: [{name: p, value: '{{tasks.side.outputs.result}}'}]}}
            - name: t
              inputs:
                parameters: [{name: p}]
              container: {image: alpine}
            """);

        var errors = Specs.Errors(yaml);

        Assert.Equal(2, errors.Count);
        Assert.Equal("spec.templates[0].steps[10000][0].arguments.parameters[0].value", errors[0].Path);
        Assert.EndsWith("(s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16, s17, s18, s19 and 9,980 more)", errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("failed to resolve {{tasks.side.outputs.result}}: only tasks this task depends on", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains(" and 9,980 more); add a dependency", errors[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retryStrategy: {limit: lots}", "retry limit must be a whole number")]
    [InlineData("retryStrategy: {limit: 1, retryPolicy: Sometimes}", "retryPolicy 'Sometimes' is not one of")]
    [InlineData("retryStrategy: {limit: 1, backoff: {duration: soon}}", "backoff duration 'soon' is not a duration")]
    [InlineData("timeout: 5 minutes", "timeout '5 minutes' is not a duration")]
    [InlineData("activeDeadlineSeconds: ten", "activeDeadlineSeconds must be a whole number")]
    public void Lint_BadValues_AreErrors(string field, string expected)
    {
        var yaml = Specs.Workflow($$"""
            - name: main
              {{field}}
              container: {image: alpine}
            """);

        Assert.Contains(expected, Assert.Single(Specs.Errors(yaml)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_InvalidWhen_IsExpressionError()
    {
        var yaml = Specs.Workflow("""
            - name: main
              steps:
              - - name: a
                  template: t
                  when: "{{workflow.name}} == (heads"
            - name: t
              container: {image: alpine}
            """);

        Assert.Equal(DiagnosticCodes.ExpressionSyntax, Assert.Single(Specs.Errors(yaml)).Code);
    }

    [Fact]
    public void Lint_DuplicateAndMalformedNames_AreErrors()
    {
        var yaml = Specs.Workflow("""
            - name: main
              steps:
              - - {name: a, template: t}
                - {name: a, template: t}
                - {name: "-bad", template: t}
            - name: t
              container: {image: alpine}
            - name: t
              container: {image: alpine}
            """);

        var messages = Specs.Errors(yaml).Select(e => e.Message).ToList();

        Assert.Contains(messages, m => m.Contains("template name 't' is used twice", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("name 'a' is used twice", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("name '-bad' is invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_MissingEntrypoint_IsError()
    {
        var yaml = "kind: Workflow\nmetadata: {name: x}\nspec:\n  templates: [{name: a, container: {image: alpine}}]\n";

        Assert.Contains("spec.entrypoint is required", Assert.Single(Specs.Errors(yaml)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_ReturnsEveryErrorNotJustTheFirst()
    {
        var yaml = Specs.Workflow("""
            - name: main
              steps:
              - - {name: a, template: nope1}
                - {name: b, template: nope2}
              - - {name: c, template: nope3}
            """, extraSpec: "onExit: nope4");

        Assert.Equal(4, Specs.Errors(yaml).Count(e => e.Code == DiagnosticCodes.UnknownTemplate));
    }
}
