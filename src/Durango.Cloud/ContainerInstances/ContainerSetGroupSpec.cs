using System.Globalization;
using System.Text.Json.Nodes;
using Durango.Engine.Executors;

namespace Durango.Cloud.ContainerInstances;

/// <summary>
/// The ARM body of a <c>containerSet</c> pod's one container group. ACI starts every container of a group at once, so
/// each container's command runs inside a small shell that does what upstream's emissary does inside a pod
/// (<c>cmd/argoexec/commands/emissary.go</c>): it waits for the exit-code file of each dependency in a volume shared
/// by the group (<see cref="MarkerDirectory"/>), gives up with the dependency's code when one did not succeed, runs the
/// command as often as the set's <c>retryStrategy</c> allows, and leaves its own exit-code file. The set's
/// <c>volumeMounts</c> are <c>emptyDir</c> volumes mounted into every container. <c>main</c>'s output files are read
/// once every other container has left its file, as Argo reads outputs when the whole pod has ended.
/// </summary>
public static class ContainerSetGroupSpec
{
    /// <summary>Where each container finds the others' exit codes (<c>NAME.exit</c>).</summary>
    public const string MarkerDirectory = "/durango/set";

    /// <summary>The exit codes' volume.</summary>
    public const string MarkerVolume = "durango-set";

    /// <summary>How the shell announces a failed run before the next; only the last run's output is the result.</summary>
    public const string RetryNotice = "[durango] container ";

    // $1 name, $2 runs, $3 seconds between runs, $4 dependency count, the dependencies, then a count and the containers
    // to wait for before ending (main's, when it has output files), then the command.
    private const string Wrapper = """
        S=/durango/set; me=$1; tries=$2; pause=$3; n=$4; shift 4
        mark() { echo "$1" > "$S/$me.tmp" && mv "$S/$me.tmp" "$S/$me.exit"; }
        while [ "$n" -gt 0 ]; do
          d=$1; shift; n=$((n-1))
          while [ ! -f "$S/$d.exit" ]; do sleep 0.2; done
          c=$(cat "$S/$d.exit")
          if [ "$c" != 0 ]; then echo "dependency \"$d\" exited with non-zero code: $c" >&2; mark "$c"; exit "$c"; fi
        done
        n=$1; shift; waits=""
        while [ "$n" -gt 0 ]; do waits="$waits $1"; shift; n=$((n-1)); done
        i=1
        while :; do
          "$@"; code=$?
          if [ "$code" = 0 ] || [ "$i" -ge "$tries" ]; then break; fi
          echo "[durango] container $me: exit code $code, run $i of $tries; running it again"
          sleep "$pause"; i=$((i+1))
        done
        mark "$code"
        for w in $waits; do while [ ! -f "$S/$w.exit" ]; do sleep 0.2; done; done
        exit $code
        """;

    /// <summary>The name in the group of the set's container <paramref name="member"/>.</summary>
    public static string ContainerOf(string member) => ContainerGroupNames.For(member);

    /// <summary>The body, or why the set cannot run on ACI.</summary>
    public static (JsonObject? Body, string? Error) Build(ContainerSetRequest request, AciOptions options, AciArtifacts? artifacts = null)
    {
        var names = request.Containers.Select(c => ContainerOf(c.Name)).ToList();
        if (names.Intersect([ArtifactAgent.InputsContainer, ArtifactAgent.OutputsContainer], StringComparer.Ordinal).FirstOrDefault() is { } reserved)
        {
            return (null, $"the aci runtime names its artifact agent '{reserved}': rename that container of the containerSet");
        }

        var volumes = new JsonArray(new JsonObject { ["name"] = MarkerVolume, ["emptyDir"] = new JsonObject() });
        foreach (var volume in request.VolumeMounts.Select(m => ContainerGroupNames.For(m.Name)).Distinct(StringComparer.Ordinal))
        {
            volumes.Add(new JsonObject { ["name"] = volume, ["emptyDir"] = new JsonObject() });
        }

        var setMounts = request.VolumeMounts.Select(m => new JsonObject { ["name"] = ContainerGroupNames.For(m.Name), ["mountPath"] = m.MountPath }).ToList();
        var mounts = setMounts.Prepend(new JsonObject { ["name"] = MarkerVolume, ["mountPath"] = MarkerDirectory }).ToList();

        // ACI caps a group's total, so containers that request nothing share the defaults of one container.
        var count = request.Containers.Count;
        var (cpu, memory) = (Math.Max(0.1, Math.Round(options.DefaultCpu / count, 2)), Math.Max(0.1, Math.Round(options.DefaultMemoryGb / count, 1)));
        var containers = new JsonArray();
        foreach (var member in request.Containers)
        {
            if (string.IsNullOrEmpty(member.Request.Image))
            {
                return (null, $"container {member.Name}: the aci runtime needs container.image");
            }

            var (argv, refused) = ContainerGroupSpec.Argv(member.Request, options, wrapped: true);
            if (refused is not null)
            {
                return (null, $"container {member.Name}: {refused}");
            }

            var waits = member.Request.OutputPaths.Count > 0 ? names.Where(n => n != ContainerOf(member.Name)).ToList() : [];
            IReadOnlyList<string> command =
            [
                "/bin/sh", "-c", Wrapper, "durango", ContainerOf(member.Name),
                request.Attempts.ToString(CultureInfo.InvariantCulture), request.RetryDelay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
                member.Dependencies.Count.ToString(CultureInfo.InvariantCulture), .. member.Dependencies.Select(ContainerOf),
                waits.Count.ToString(CultureInfo.InvariantCulture), .. waits,
                .. argv!,
            ];
            command = ContainerGroupSpec.InDirectory(member.Request.WorkingDir, OutputCapture.Wrap(command, member.Request.OutputPaths));
            var properties = ContainerGroupSpec.Properties(member.Request, options, command, cpu, memory);
            properties["volumeMounts"] = new JsonArray(mounts.Select(m => (JsonNode)m.DeepClone()).ToArray());
            containers.Add(new JsonObject { ["name"] = ContainerOf(member.Name), ["properties"] = properties });
        }

        var group = new JsonObject
        {
            ["containers"] = containers,
            ["osType"] = "Linux",
            ["restartPolicy"] = "Never",
            ["volumes"] = volumes,
        };
        if (artifacts is not null)
        {
            volumes.Add(ArtifactAgent.VolumeSpec());
            if (ArtifactAgent.SetInitContainer(artifacts, setMounts) is { } init)
            {
                group["initContainers"] = new JsonArray(init);
            }

            if (ArtifactAgent.SetSidecar(artifacts, setMounts, names) is { } sidecar)
            {
                containers.Add(sidecar);
            }
        }

        return (ContainerGroupSpec.Group(request.WorkflowName, request.PodName, group, options), null);
    }

    /// <summary>The output of <paramref name="container"/>'s last run: what follows the last notice of a run again.</summary>
    public static string LastRun(string output, string container)
    {
        var notice = output.LastIndexOf(RetryNotice + container + ": exit code ", StringComparison.Ordinal);
        if (notice < 0 || (notice > 0 && output[notice - 1] != '\n'))
        {
            return output;
        }

        var end = output.IndexOf('\n', notice);
        return end < 0 ? string.Empty : output[(end + 1)..];
    }
}
