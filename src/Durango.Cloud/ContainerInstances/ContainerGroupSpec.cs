using System.Text;
using System.Text.Json.Nodes;
using Durango.Engine.Executors;

namespace Durango.Cloud.ContainerInstances;

/// <summary>
/// The ARM body of one node's container group: one container, <c>restartPolicy: Never</c>, secrets as secure
/// environment values, the script (if any) as a secret volume, and a shell wrapper where ACI lacks a feature Argo
/// has (a working directory, reading output files back); with artifacts, the agent's init container, sidecar and
/// shared volume (<see cref="ArtifactAgent"/>).
/// </summary>
public static class ContainerGroupSpec
{
    /// <summary>The one container's name in every group.</summary>
    public const string ContainerName = "main";

    /// <summary>Where a script's source is mounted.</summary>
    public const string ScriptDirectory = "/durango/script";

    /// <summary>The body, or why the request cannot run on ACI.</summary>
    public static (JsonObject? Body, string? Error) Build(ContainerRequest request, AciOptions options, AciArtifacts? artifacts = null)
    {
        if (string.IsNullOrEmpty(request.Image))
        {
            return (null, "the aci runtime needs container.image");
        }

        var (argv, refused) = Argv(request, options, wrapped: request.ScriptSource is not null || request.WorkingDir is not null || request.OutputPaths.Count > 0 || artifacts is not null);
        if (refused is not null)
        {
            return (null, refused);
        }

        IReadOnlyList<string> command = OutputCapture.Wrap(argv!, request.OutputPaths);
        if (artifacts is not null)
        {
            command = ArtifactAgent.Wrap(command, artifacts);
        }

        command = InDirectory(request.WorkingDir, command);
        var container = Properties(request, options, command, options.DefaultCpu, options.DefaultMemoryGb);
        var containers = new JsonArray(new JsonObject { ["name"] = ContainerName, ["properties"] = container });
        var properties = new JsonObject
        {
            ["containers"] = containers,
            ["osType"] = "Linux",
            ["restartPolicy"] = "Never",
        };
        var volumes = new JsonArray();
        var mounts = new JsonArray();
        if (request.ScriptSource is { } source)
        {
            volumes.Add(new JsonObject
            {
                ["name"] = "script",
                ["secret"] = new JsonObject { ["script"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(source)) },
            });
            mounts.Add(new JsonObject { ["name"] = "script", ["mountPath"] = ScriptDirectory, ["readOnly"] = true });
        }

        if (artifacts is not null)
        {
            volumes.Add(ArtifactAgent.VolumeSpec());
            mounts.Add(ArtifactAgent.Mount());
            if (ArtifactAgent.InitContainer(artifacts) is { } init)
            {
                properties["initContainers"] = new JsonArray(init);
            }

            if (ArtifactAgent.Sidecar(artifacts) is { } sidecar)
            {
                containers.Add(sidecar);
            }
        }

        if (volumes.Count > 0)
        {
            properties["volumes"] = volumes;
            container["volumeMounts"] = mounts;
        }

        if (request.Daemon)
        {
            // A daemon is reached at the group's private IP in the subnet, which ACI assigns for declared ports only.
            if (options.SubnetId is null || request.Ports.Count == 0)
            {
                return (null, "a daemon on the aci runtime is reached at its container group's IP in a virtual network: set Durango:Aci:SubnetId, and give the daemon a readinessProbe with an httpGet or tcpSocket port (ACI assigns an IP for declared ports only)");
            }

            properties["ipAddress"] = new JsonObject { ["type"] = "Private", ["ports"] = new JsonArray(request.Ports.Select(p => (JsonNode)new JsonObject { ["port"] = p, ["protocol"] = "TCP" }).ToArray()) };
            container["ports"] = new JsonArray(request.Ports.Select(p => (JsonNode)new JsonObject { ["port"] = p }).ToArray());
        }

        return (Group(request.WorkflowName, request.PodName, properties, options), null);
    }

    /// <summary>
    /// What the container runs: its command (or, when it has none, the image's entry point if
    /// <see cref="AciOptions.Entrypoints"/> knows it), its args and its script's path; or why it cannot run when a
    /// wrapper must go around it (<paramref name="wrapped"/>) or it has args, since ACI cannot pass arguments to an
    /// image's own entry point.
    /// </summary>
    internal static (IReadOnlyList<string>? Argv, string? Error) Argv(ContainerRequest request, AciOptions options, bool wrapped)
    {
        var command = request.Command.Count > 0 ? request.Command : options.EntrypointOf(request.Image) ?? [];
        if (command.Count == 0 && (wrapped || request.Args.Count > 0))
        {
            return (null, "the aci runtime needs container.command here: ACI replaces the image's entry point and cannot pass it arguments, a script, a working directory, output files, artifacts or a containerSet's order; set command to the entry point (for example [sh, -c] or [python]), or name the image's entry point in Durango:Aci:Entrypoints:<image repository>");
        }

        // As upstream's executeScript (workflow/controller/operator.go): the script's path goes after the args.
        return ([.. command, .. request.Args, .. request.ScriptSource is null ? [] : new[] { $"{ScriptDirectory}/script" }], null);
    }

    /// <summary><paramref name="command"/> run in <paramref name="dir"/> (created first), as Argo's <c>workingDir</c>; unchanged without one.</summary>
    internal static IReadOnlyList<string> InDirectory(string? dir, IReadOnlyList<string> command) => dir is null
        ? command
        : ["/bin/sh", "-c", "mkdir -p \"$0\" && cd \"$0\" && exec \"$@\"", dir, .. command];

    /// <summary>A container's properties: image, resources (the defaults where it requests none), environment and command.</summary>
    internal static JsonObject Properties(ContainerRequest request, AciOptions options, IReadOnlyList<string> command, double defaultCpu, double defaultMemoryGb)
    {
        var container = new JsonObject
        {
            ["image"] = request.Image,
            ["resources"] = new JsonObject
            {
                ["requests"] = new JsonObject
                {
                    ["cpu"] = ResourceQuantities.Cores(request.Requests.GetValueOrDefault("cpu")) ?? defaultCpu,
                    ["memoryInGB"] = Math.Round(ResourceQuantities.Gigabytes(request.Requests.GetValueOrDefault("memory")) ?? defaultMemoryGb, 1),
                },
            },
            ["environmentVariables"] = new JsonArray(request.Env.Select(e => (JsonNode)(e.Secret
                ? new JsonObject { ["name"] = e.Name, ["secureValue"] = e.Value }
                : new JsonObject { ["name"] = e.Name, ["value"] = e.Value })).ToArray()),
        };
        if (command.Count > 0)
        {
            container["command"] = new JsonArray(command.Select(c => (JsonNode)c).ToArray());
        }

        return container;
    }

    /// <summary>The group around <paramref name="properties"/>: location, tags, subnet, registry credentials and pull identity.</summary>
    internal static JsonObject Group(string workflow, string pod, JsonObject properties, AciOptions options)
    {
        if (options.SubnetId is { } subnet)
        {
            properties["subnetIds"] = new JsonArray(new JsonObject { ["id"] = subnet });
        }

        if (options.RegistryServer is { } server)
        {
            properties["imageRegistryCredentials"] = new JsonArray(options.RegistryIdentity is { } identity
                ? new JsonObject { ["server"] = server, ["identity"] = identity }
                : new JsonObject { ["server"] = server, ["username"] = options.RegistryUsername, ["password"] = options.RegistryPassword });
        }

        var body = new JsonObject
        {
            ["location"] = options.Location,
            ["tags"] = new JsonObject { ["durango-workflow"] = workflow, ["durango-pod"] = pod },
            ["properties"] = properties,
        };
        if (options.RegistryIdentity is { } pullIdentity)
        {
            body["identity"] = new JsonObject { ["type"] = "UserAssigned", ["userAssignedIdentities"] = new JsonObject { [pullIdentity] = new JsonObject() } };
        }

        return body;
    }
}
