using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Testing.Scenarios;

/// <summary>
/// Outputs over the inline limit travel as references and reach every consumer as values: run on each backend.
/// </summary>
public static class LargeOutputScenario
{
    /// <summary>
    /// A workflow whose outputs are larger than the inline limit, consumed by a tag, an expression, a when, a withParam
    /// and a raw input artifact.
    /// </summary>
    public const string Workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: large-out-}
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - {name: big, template: big}
                  - {name: list, template: list}
                - - name: count
                    template: count
                    arguments: {parameters: [{name: text, value: "{{steps.big.outputs.result}}"}]}
                  - name: length
                    template: echo
                    arguments: {parameters: [{name: text, value: "{{=len(steps.big.outputs.result)}}"}]}
                  - name: guarded
                    template: echo
                    when: "{{steps.big.outputs.parameters.tail}} == done"
                    arguments: {parameters: [{name: text, value: ran}]}
                  - name: each
                    template: echo
                    withParam: "{{steps.list.outputs.result}}"
                    arguments: {parameters: [{name: text, value: "{{item.id}}"}]}
                  - name: raw
                    template: read
                    arguments: {artifacts: [{name: text, raw: {data: "{{steps.big.outputs.result}}"}}]}
            - name: big
              script:
                image: alpine
                command: [sh]
                source: |
                  head -c 100000 /dev/zero | tr '\0' x
                  { head -c 6000 /dev/zero | tr '\0' ' '; printf done; } > tail.txt
              outputs:
                parameters:
                  - name: tail
                    valueFrom: {path: tail.txt}
            - name: list
              script:
                image: alpine
                command: [sh]
                source: |
                  pad=$(head -c 400 /dev/zero | tr '\0' p)
                  printf '['
                  for i in $(seq 1 20); do [ $i -gt 1 ] && printf ','; printf '{"id":"n%s","pad":"%s"}' $i $pad; done
                  printf ']'
            - name: count
              inputs: {parameters: [{name: text}]}
              container: {image: alpine, command: [sh, -c, "printf %s \"$0\" | wc -c", "{{inputs.parameters.text}}"]}
            - name: echo
              inputs: {parameters: [{name: text}]}
              container: {image: alpine, command: [echo, "{{inputs.parameters.text}}"]}
            - name: read
              inputs: {artifacts: [{name: text, path: /tmp/text}]}
              container: {image: alpine, command: [sh, -c, "wc -c < /tmp/text; head -c 3 /tmp/text"]}
        """;

    /// <summary>Runs <see cref="Workflow"/> on <paramref name="engine"/> and checks every consumer got the values.</summary>
    public static async Task RunAsync(EngineHarness engine)
    {
        var view = await engine.RunAsync(Workflow);

        Assert.Equal(WorkflowPhase.Succeeded, view.Status.Phase);
        var big = view.Node("big");
        Assert.True(OutputReferences.Contains(big.Outputs?.Result), big.Outputs?.Result);
        Assert.True(OutputReferences.Contains(big.Outputs?.Parameter("tail")));
        Assert.Equal("100000", view.Node("count").Outputs?.Result?.Trim());
        Assert.Equal("100000", view.Node("length").Outputs?.Result);
        Assert.Equal(NodePhase.Succeeded, view.Node("guarded").Phase);
        Assert.Equal("100000\nxxx", view.Node("raw").Outputs?.Result?.Trim());
        var items = view.Status.Nodes.Values.Where(n => n.DisplayName.StartsWith("each(", StringComparison.Ordinal)).Select(n => n.Outputs?.Result);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"n{i}").Order(StringComparer.Ordinal), items.Order(StringComparer.Ordinal));
    }
}
