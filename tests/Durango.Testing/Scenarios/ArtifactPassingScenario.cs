namespace Durango.Testing.Scenarios;

/// <summary>
/// Upstream's <c>examples/artifact-passing.yaml</c> with a raw input, a directory output and an optional output that
/// is never written: what each container runtime must move in and out of its containers (docker, aci).
/// </summary>
public static class ArtifactPassingScenario
{
    /// <summary>
    /// The workflow: <c>consume</c>'s result is <see cref="ConsumerResult"/>, and <c>generate</c> stores the artifacts
    /// <c>dir</c> and <c>hello</c> (not the optional <c>never</c>).
    /// </summary>
    public const string Workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: artifact-passing-}
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - {name: generate, template: generate}
                - - name: consume
                    template: consume
                    arguments:
                      artifacts:
                        - {name: message, from: "{{steps.generate.outputs.artifacts.hello}}"}
                        - {name: dir, from: "{{steps.generate.outputs.artifacts.dir}}"}
            - name: generate
              inputs:
                artifacts:
                  - name: greeting
                    path: /tmp/in/greeting.txt
                    raw: {data: "hello from raw"}
              container:
                image: alpine:3.20
                command: [sh, -c, "mkdir -p /tmp/out/sub && cat /tmp/in/greeting.txt > /tmp/hello.txt && echo a > /tmp/out/a.txt && echo b > /tmp/out/sub/b.txt"]
              outputs:
                artifacts:
                  - {name: hello, path: /tmp/hello.txt}
                  - {name: dir, path: /tmp/out}
                  - {name: never, path: /tmp/never.txt, optional: true}
            - name: consume
              inputs:
                artifacts:
                  - {name: message, path: /tmp/message}
                  - {name: dir, path: /tmp/dir}
              container: {image: alpine:3.20, command: [sh, -c, "cat /tmp/message; echo; cat /tmp/dir/a.txt /tmp/dir/sub/b.txt"]}
        """;

    /// <summary>What <c>consume</c> prints: the raw input passed through <c>generate</c>, then the directory's two files.</summary>
    public const string ConsumerResult = "hello from raw\na\nb";
}
