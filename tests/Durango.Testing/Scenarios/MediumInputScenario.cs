namespace Durango.Testing.Scenarios;

/// <summary>
/// A workflow whose root input (the resolved workflow and its YAML) is about 37,000 characters: more than an Azure
/// Storage table property takes (60 KB of UTF-16) and less than a queue message (45 KB), the size at which the Azure
/// Storage provider's Pending instance reads back with an empty input (Durango.Api's <c>WorkflowInputs</c>).
/// </summary>
public static class MediumInputScenario
{
    /// <summary>The length of the one argument that makes it that size (it is in the YAML and in the resolved workflow).</summary>
    public const int PayloadLength = 16_000;

    /// <summary>A one-step workflow named from <paramref name="generateName"/>, taking the argument as its entrypoint's input.</summary>
    public static string Workflow(string generateName) => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: {{generateName}}}
        spec:
          entrypoint: main
          arguments: {parameters: [{name: payload, value: "{{Payload}}"}]}
          templates:
            - name: main
              inputs: {parameters: [{name: payload}]}
              container: {image: alpine, command: ["true"]}
        """;

    /// <summary>The argument's value.</summary>
    public static string Payload { get; } = new('p', PayloadLength);
}
