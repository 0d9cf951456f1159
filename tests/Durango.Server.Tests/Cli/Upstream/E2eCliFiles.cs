namespace Durango.Server.Tests.Cli.Upstream;

/// <summary>
/// The workflows upstream's CLISuite (test/e2e/cli_test.go) submits, adapted to Durango's process runtime (argosay
/// runs on the host) and written to a temporary directory, since the CLI reads files. Each test gives its workflows a
/// label of its own, so that the selectors it uses pick only them on the class's server.
/// </summary>
internal sealed class E2eCliFiles : IDisposable
{
    // smoke/basic.yaml
    public const string Basic = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: basic-}
        spec:
          entrypoint: run-workflow
          templates:
            - name: run-workflow
              container: {image: argoproj/argosay:v2, args: [echo, ":) Hello Argo!"]}
        """;

    // smoke/basic-invalid.yaml: text after the flow sequence makes the YAML invalid.
    public const string BasicInvalid = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: basic-
        spec:
          entrypoint: run-workflow
          templates:
            - name: run-workflow
              container:
                image: argoproj/argosay:v2
                args: [echo, ":( no hello because:"]-this-is-invalid-yaml
        """;

    // testdata/parameters-workflow.yaml
    public const string Parameters = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: parameters-}
        spec:
          entrypoint: main
          arguments: {parameters: [{name: message}]}
          templates:
            - name: main
              container: {image: argoproj/argosay:v2, args: [echo, "{{workflow.parameters.message}}"]}
        """;

    // testdata/exit-1.yaml
    public const string Exit1 = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: exit-1-}
        spec:
          entrypoint: exit
          templates:
            - name: exit
              container: {image: argoproj/argosay:v2, args: [exit, "1"]}
        """;

    // A workflow that runs until it is stopped, for the tests where upstream's smoke/basic.yaml must still be running
    // when the command acts (upstream's pods take seconds to start; Durango's echo ends at once).
    public const string Waiting = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: basic-}
        spec:
          entrypoint: main
          templates:
            - name: main
              suspend: {}
        """;

    // Under /var/tmp: a step that names /tmp gets a private one (PrivateTmp), which would hide files under /tmp.
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateDirectory(Path.Combine("/var/tmp", "durango-e2e-cli", Guid.NewGuid().ToString("N")));

    /// <summary>The directory the files are written to.</summary>
    public string Directory => _directory.FullName;

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> in the directory and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A label unique to one test, <c>durango-test=ID</c>: given with <c>submit -l</c>, selected with <c>-l</c>.</summary>
    public static string NewLabel() => $"durango-test={Guid.NewGuid().ToString("N")[..12]}";

    /// <summary>The workflow name in argo get's header that <paramref name="output"/> starts with (<c>Name:   NAME</c>).</summary>
    public static string NameIn(string output) =>
        output.Split('\n').Select(l => l.Split(':', 2)).First(p => p.Length == 2 && p[0] == "Name")[1].Trim();

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
