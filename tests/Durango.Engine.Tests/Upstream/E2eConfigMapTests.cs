using Durango.Engine.Model;
using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// Ports of test/e2e/workflow_configmap_substitution_test.go (WorkflowConfigMapSelectorSubstitutionSuite) and
/// test/e2e/workflow_inputs_orverridable_test.go (WorkflowInputsOverridableSuite). Upstream creates the ConfigMaps
/// each test needs; Durango's ConfigMaps are configuration (<c>ConfigMaps:&lt;name&gt;:&lt;key&gt;</c>), so each test
/// starts an engine with its own.
/// </summary>
public sealed class E2eConfigMapTests
{
    private const string HelloWorld = "ConfigMaps:cmref-parameters:msg=hello world";

    // Ports TestKeySubstitution: the input's configMapKeyRef key is a workflow parameter tag. Upstream asserts only that
    // the workflow succeeds; the entrypoint receives the workflow's argument `message` (msg), which wins over the
    // input's valueFrom (TestArgsValueParamsOverrideInputParamsValueFrom below).
    [Fact]
    public async Task KeySubstitution_Succeeds()
    {
        await using var engine = await StartAsync(HelloWorld);
        var view = await engine.RunAsync(Whalesay(
            "[{name: message, value: msg}]",
            "configMapKeyRef: {name: cmref-parameters, key: '{{ workflow.parameters.message }}'}"));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("msg", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    // Ports TestNameSubstitution: the input's configMapKeyRef name is a workflow parameter tag.
    [Fact]
    public async Task NameSubstitution_Succeeds()
    {
        await using var engine = await StartAsync(HelloWorld);
        var view = await engine.RunAsync(Whalesay(
            "[{name: cm-name, value: cmref-parameters}]",
            "configMapKeyRef: {name: '{{ workflow.parameters.cm-name}}', key: msg}"));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("hello world", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    // Ports TestInvalidNameParameterSubstitution: the substituted ConfigMap does not exist; upstream's workflow Errors.
    [Fact]
    public async Task InvalidNameParameterSubstitution_Errors()
    {
        await using var engine = await StartAsync();
        var view = await engine.RunAsync(Whalesay(
            "[{name: cm-name, value: cmref-parameters}]",
            "configMapKeyRef: {name: '{{ workflow.parameters.cm-name }}', key: msg}"));
        Assert.Equal(WorkflowPhase.Error, view.Status.Phase);
    }

    // Ports TestDefaultParamValueWhenNotFound: the key is absent, so the input would take valueFrom.default; upstream
    // asserts only that the workflow succeeds. The workflow's own argument `message` (msg) is what the entrypoint
    // receives, as in upstream (the overridable suite below pins that arguments win over an input's valueFrom).
    [Fact]
    public async Task DefaultParamValueWhenNotFound_Succeeds()
    {
        await using var engine = await StartAsync(HelloWorld);
        var view = await engine.RunAsync(Whalesay(
            "[{name: message, value: msg}]",
            "{default: default-val, configMapKeyRef: {name: cmref-parameters, key: not-existing-key}}"));
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        Assert.Equal("msg", view.Node(view.Metadata.Name).Outputs?.Result);
    }

    // Ports TestGlobalArgDefaultCMParamValueWhenNotFound: a global parameter from a missing ConfigMap takes its
    // default; the root node's first output parameter is "default value".
    [Fact]
    public async Task GlobalArgDefaultCMParamValueWhenNotFound_Succeeds()
    {
        await using var engine = await StartAsync();
        var view = await engine.RunAsync("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: workflow-template-cmkeyselector-wf-global-arg-default-param-}
            spec:
              entrypoint: whalesay
              arguments:
                parameters:
                  - name: simple-global-param
                    valueFrom:
                      default: "default value"
                      configMapKeyRef: {name: not-existing-cm, key: not-existing-key}
              templates:
                - name: whalesay
                  container:
                    image: argoproj/argosay:v2
                    command: [sh, -c]
                    args: ["sleep 1; echo -n {{workflow.parameters.simple-global-param}} > /tmp/message.txt"]
                  outputs:
                    parameters:
                     - name: message
                       valueFrom: {path: /tmp/message.txt}
            """);
        Assert.Equal("default value", view.Node(view.Metadata.Name).Outputs!.Parameters[0].Value);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    // Ports TestArgsValueParamsOverrideInputParamsValueFrom: a workflow argument's value wins over the entrypoint
    // input's configMapKeyRef.
    [Fact]
    public async Task ArgsValueParamsOverrideInputParamsValueFrom()
    {
        await using var engine = await StartAsync("ConfigMaps:cmref-parameters:cmref-key=input-value");
        var view = await engine.RunAsync(Whalesay(
            "[{name: message, value: arg-value}]",
            "configMapKeyRef: {name: cmref-parameters, key: cmref-key}"));
        AssertArgValue(view);
    }

    // Ports TestArgsValueFromParamsOverrideInputParamsValueFrom: a workflow argument from one ConfigMap wins over the
    // entrypoint input's configMapKeyRef to another.
    [Fact]
    public async Task ArgsValueFromParamsOverrideInputParamsValueFrom()
    {
        await using var engine = await StartAsync("ConfigMaps:cmref-parameters:cmref-key=input-value", "ConfigMaps:new-cmref-parameters:cmref-key=arg-value");
        var view = await engine.RunAsync(Whalesay(
            "[{name: message, valueFrom: {configMapKeyRef: {name: new-cmref-parameters, key: cmref-key}}}]",
            "configMapKeyRef: {name: cmref-parameters, key: cmref-key}"));
        AssertArgValue(view);
    }

    // Ports TestArgsValueParamsOverrideInputParamsValue: a workflow argument's value wins over the input's value.
    [Fact]
    public async Task ArgsValueParamsOverrideInputParamsValue()
    {
        await using var engine = await StartAsync();
        var view = await engine.RunAsync(Whalesay("[{name: message, value: arg-value}]", valueFrom: null));
        AssertArgValue(view);
    }

    // Ports TestArgsValueFromParamsOverrideInputParamsValue: a workflow argument from a ConfigMap wins over the
    // input's value.
    [Fact]
    public async Task ArgsValueFromParamsOverrideInputParamsValue()
    {
        await using var engine = await StartAsync("ConfigMaps:cmref-parameters:cmref-key=arg-value");
        var view = await engine.RunAsync(Whalesay(
            "[{name: message, valueFrom: {configMapKeyRef: {name: cmref-parameters, key: cmref-key}}}]", valueFrom: null));
        AssertArgValue(view);
    }

    private static void AssertArgValue(Api.Workflows.WorkflowView view)
    {
        Assert.Equal("arg-value", view.Node(view.Metadata.Name).Inputs!.Parameters[0].Value);
        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
    }

    /// <summary>
    /// The suites' workflow: entrypoint <c>whalesay</c> echoing its input <c>message</c>, which comes from
    /// <paramref name="valueFrom"/> or, when null, is the value <c>input-value</c>.
    /// </summary>
    private static string Whalesay(string arguments, string? valueFrom) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: workflow-template-configmapkeyselector-wf-}
        spec:
          entrypoint: whalesay
          arguments:
            parameters: {{{arguments}}}
          templates:
          - name: whalesay
            inputs:
              parameters:
              - name: message
                {{{(valueFrom is null ? "value: input-value" : valueFrom.StartsWith('{') ? "valueFrom: " + valueFrom : "valueFrom: {" + valueFrom + "}")}}}
            container:
              image: argoproj/argosay:v2
              args: [echo, "{{inputs.parameters.message}}"]
        """;

    private static Task<EngineHarness> StartAsync(params string[] configMaps) =>
        EngineHarness.StartAsync(configMaps.Select(c => c.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1]));
}
