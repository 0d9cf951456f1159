using System.Globalization;
using System.Text.Json.Nodes;

namespace Durango.Cloud.ContainerInstances;

/// <summary>A step's artifacts in its container group: the SAS URLs of its bundles and the absolute paths they hold.</summary>
/// <param name="AgentImage">The artifact agent's image.</param>
/// <param name="InputsUrl">Read SAS of the inputs bundle; null when the step has no inputs to place.</param>
/// <param name="OutputsUrl">Create/write SAS of the outputs bundle; null when the step declares no outputs.</param>
/// <param name="Inputs">Absolute container paths of the inputs in the bundle.</param>
/// <param name="Outputs">Absolute container paths of the outputs.</param>
public sealed record AciArtifacts(string AgentImage, Uri? InputsUrl, Uri? OutputsUrl, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

/// <summary>
/// How artifacts move in and out of a container group, which shares no file system with the host: an
/// <c>emptyDir</c> volume at <see cref="Directory"/> in every container of the group; an init container
/// (<c>artifacts-in</c>) that downloads the inputs bundle into it; the main container's command wrapped in a shell that
/// copies each input to its path, runs the command, copies each output path that exists back into the volume and
/// leaves a marker; and a sidecar (<c>artifacts-out</c>) that waits for the marker and uploads the outputs bundle. SAS
/// URLs go as secure environment values: never on a command line, never in the group's visible properties.
/// </summary>
public static class ArtifactAgent
{
    /// <summary>Where the shared volume is mounted in each container.</summary>
    public const string Directory = "/durango/artifacts";

    /// <summary>The volume's name.</summary>
    public const string Volume = "durango-artifacts";

    /// <summary>The init container's name.</summary>
    public const string InputsContainer = "artifacts-in";

    /// <summary>The sidecar's name.</summary>
    public const string OutputsContainer = "artifacts-out";

    // $1 inputs count, the inputs, outputs count, the outputs, then the command. A failed placement fails the step
    // as Argo's init container does; the marker is left whatever happens so that the sidecar ends.
    private const string Wrapper = """
        A=/durango/artifacts; n=$1; shift; ins=""
        while [ "$n" -gt 0 ]; do ins="$ins$1
        "; shift; n=$((n-1)); done
        n=$1; shift; outs=""
        while [ "$n" -gt 0 ]; do outs="$outs$1
        "; shift; n=$((n-1)); done
        if ! printf '%s' "$ins" | while IFS= read -r p; do
          [ -n "$p" ] || continue; s="$A/in$p"
          if [ -d "$s" ]; then mkdir -p "$p" && cp -a "$s/." "$p/" || exit 1
          elif [ -e "$s" ]; then mkdir -p "$(dirname "$p")" && cp -a "$s" "$p" || exit 1; fi
        done; then echo "durango: could not place the input artifacts" >&2; touch "$A/done"; exit 1; fi
        "$@"; code=$?
        printf '%s' "$outs" | while IFS= read -r p; do
          if [ -n "$p" ] && [ -e "$p" ]; then mkdir -p "$A/out$(dirname "$p")" && cp -a "$p" "$A/out$p"; fi
        done
        touch "$A/done"; exit $code
        """;

    private const string Download = """
        mkdir -p /durango/artifacts/in && curl -fsS --retry 5 -o /tmp/inputs.tgz "$DURANGO_INPUTS_URL" && tar -xzf /tmp/inputs.tgz -C /durango/artifacts/in
        """;

    private const string Upload = """
        A=/durango/artifacts; while [ ! -e "$A/done" ]; do sleep 1; done
        mkdir -p "$A/out" && tar -czf /tmp/outputs.tgz -C "$A/out" . && curl -fsS --retry 5 -H 'x-ms-blob-type: BlockBlob' -H 'x-ms-version: 2021-08-06' -T /tmp/outputs.tgz "$DURANGO_OUTPUTS_URL"
        """;

    // A containerSet's: pairs of a path in the set's volumes (mounted in the agent too) and its name in the bundle.
    private const string SetPlace = """
        A=/durango/artifacts
        while [ $# -gt 1 ]; do
          p=$1; s="$A/in/$2"; shift 2
          if [ -d "$s" ]; then mkdir -p "$p" && cp -a "$s/." "$p/" || exit 1
          elif [ -e "$s" ]; then mkdir -p "$(dirname "$p")" && cp -a "$s" "$p" || exit 1; fi
        done
        """;

    // A containerSet's: waits for every container's exit-code file, then copies the outputs out of the set's volumes.
    private const string SetGather = """
        A=/durango/artifacts; n=$1; shift
        while [ "$n" -gt 0 ]; do while [ ! -f "/durango/set/$1.exit" ]; do sleep 1; done; shift; n=$((n-1)); done
        while [ $# -gt 1 ]; do
          if [ -e "$1" ]; then mkdir -p "$(dirname "$A/out/$2")" && cp -a "$1" "$A/out/$2"; fi; shift 2
        done
        touch "$A/done"

        """;

    /// <summary><paramref name="command"/> wrapped so that it finds its inputs at their paths and leaves its outputs for the sidecar.</summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> command, AciArtifacts artifacts) =>
    [
        "/bin/sh", "-c", Wrapper, "durango",
        artifacts.Inputs.Count.ToString(CultureInfo.InvariantCulture), .. artifacts.Inputs,
        artifacts.Outputs.Count.ToString(CultureInfo.InvariantCulture), .. artifacts.Outputs,
        .. command,
    ];

    /// <summary>The shared volume.</summary>
    public static JsonObject VolumeSpec() => new() { ["name"] = Volume, ["emptyDir"] = new JsonObject() };

    /// <summary>The shared volume's mount.</summary>
    public static JsonObject Mount() => new() { ["name"] = Volume, ["mountPath"] = Directory };

    /// <summary>The init container that downloads the inputs, or null when there are none.</summary>
    public static JsonObject? InitContainer(AciArtifacts artifacts) => artifacts.InputsUrl is { } url
        ? Agent(InputsContainer, artifacts.AgentImage, Download, "DURANGO_INPUTS_URL", url, resources: false)
        : null;

    /// <summary>The sidecar that uploads the outputs, or null when there are none.</summary>
    public static JsonObject? Sidecar(AciArtifacts artifacts) => artifacts.OutputsUrl is { } url
        ? Agent(OutputsContainer, artifacts.AgentImage, Upload, "DURANGO_OUTPUTS_URL", url, resources: true)
        : null;

    /// <summary>
    /// A <c>containerSet</c>'s init container: downloads the inputs and places each at its path in the set's volumes
    /// (<paramref name="setMounts"/>, mounted here too) before any container starts; null when there are none.
    /// </summary>
    public static JsonObject? SetInitContainer(AciArtifacts artifacts, IReadOnlyList<JsonObject> setMounts) => artifacts.InputsUrl is { } url
        ? Agent(InputsContainer, artifacts.AgentImage, Download + " || exit 1\n" + SetPlace, "DURANGO_INPUTS_URL", url, resources: false, setMounts, [.. Pairs(artifacts.Inputs)])
        : null;

    /// <summary>
    /// A <c>containerSet</c>'s sidecar: once every container of <paramref name="containers"/> has left its exit code,
    /// copies the outputs out of the set's volumes and uploads them; null when there are none.
    /// </summary>
    public static JsonObject? SetSidecar(AciArtifacts artifacts, IReadOnlyList<JsonObject> setMounts, IReadOnlyList<string> containers) => artifacts.OutputsUrl is { } url
        ? Agent(
            OutputsContainer, artifacts.AgentImage, SetGather + Upload, "DURANGO_OUTPUTS_URL", url, resources: true,
            [.. setMounts, new JsonObject { ["name"] = ContainerSetGroupSpec.MarkerVolume, ["mountPath"] = ContainerSetGroupSpec.MarkerDirectory }],
            [containers.Count.ToString(CultureInfo.InvariantCulture), .. containers, .. Pairs(artifacts.Outputs)])
        : null;

    /// <summary>Each path with its name in a bundle: the same path without its leading slash.</summary>
    private static IEnumerable<string> Pairs(IEnumerable<string> paths) => paths.SelectMany(p => new[] { p, p.TrimStart('/') });

    private static JsonObject Agent(
        string name, string image, string script, string variable, Uri url, bool resources, IReadOnlyList<JsonObject>? mounts = null, IReadOnlyList<string>? args = null)
    {
        var command = new JsonArray("/bin/sh", "-c", script);
        if (args is not null)
        {
            command.Add("durango");
            foreach (var arg in args)
            {
                command.Add(arg);
            }
        }

        var volumeMounts = new JsonArray(Mount());
        foreach (var mount in mounts ?? [])
        {
            volumeMounts.Add(mount.DeepClone());
        }

        var properties = new JsonObject
        {
            ["image"] = image,
            ["command"] = command,
            ["environmentVariables"] = new JsonArray(new JsonObject { ["name"] = variable, ["secureValue"] = url.ToString() }),
            ["volumeMounts"] = volumeMounts,
        };
        if (resources)
        {
            // A sidecar's requests add to the group's; init containers run before and are not counted.
            properties["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = 0.25, ["memoryInGB"] = 0.5 } };
        }

        return new JsonObject { ["name"] = name, ["properties"] = properties };
    }
}
