namespace Durango.Engine.Executors;

/// <summary>An environment variable with its value resolved; <paramref name="Secret"/> values go as secure values.</summary>
public sealed record ResolvedEnv(string Name, string Value, bool Secret);

/// <summary>One container or script node to run.</summary>
/// <param name="WorkflowName">The workflow.</param>
/// <param name="PodName">Argo's pod name: unique per node, stable across retries of the activity.</param>
/// <param name="Image">The image.</param>
/// <param name="Command">The entry point (the image's own when empty).</param>
/// <param name="Args">Its arguments.</param>
/// <param name="Env">Environment variables.</param>
/// <param name="WorkingDir">The working directory, if set.</param>
/// <param name="ScriptSource">A script's source: written to a file whose path is appended to the command.</param>
/// <param name="Requests">Resource requests (<c>cpu</c>, <c>memory</c>).</param>
/// <param name="OutputPaths">Files to read back after the run (output parameters).</param>
/// <param name="Log">The node's log.</param>
/// <param name="Artifacts">The step's artifacts, to place before it runs and collect after; null when it has none.</param>
/// <remarks>
/// <see cref="Volumes"/> (a <c>containerSet</c>'s shared workspace) are host directories mounted at their paths; a
/// runtime that cannot mount says so with <see cref="IContainerRuntime.SupportsVolumes"/>.
/// </remarks>
public sealed record ContainerRequest(
    string WorkflowName,
    string PodName,
    string? Image,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Args,
    IReadOnlyList<ResolvedEnv> Env,
    string? WorkingDir,
    string? ScriptSource,
    IReadOnlyDictionary<string, string> Requests,
    IReadOnlyList<string> OutputPaths,
    NodeLog Log,
    IArtifactExchange? Artifacts = null)
{
    /// <summary>Host directories mounted into the container: the directory, and the path it appears at.</summary>
    public IReadOnlyList<HostVolume> Volumes { get; init; } = [];

    /// <summary>The ports a daemon serves on (its readiness probe's): ACI gives a group an address only for declared ports.</summary>
    public IReadOnlyList<int> Ports { get; init; } = [];

    /// <summary>True for a daemon's container: it runs until cancelled, and later steps reach it at its address.</summary>
    public bool Daemon { get; init; }
}

/// <summary>A host directory mounted at <paramref name="MountPath"/> in a container.</summary>
/// <param name="HostDirectory">The directory on the host (or the docker host).</param>
/// <param name="MountPath">Where the container sees it.</param>
public sealed record HostVolume(string HostDirectory, string MountPath);

/// <summary>How a container ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Its standard output.</param>
/// <param name="OutputFiles">The contents of the requested output paths; null where missing.</param>
public sealed record ContainerResult(int ExitCode, string Stdout, IReadOnlyDictionary<string, string?> OutputFiles);

/// <summary>
/// Runs containers: <c>process</c> (the command on this host), <c>docker</c>, or <c>aci</c> (Azure Container
/// Instances). Chosen by configuration (<c>Durango:ContainerRuntime</c>). Implementations must be idempotent per
/// pod name, since an activity may run twice for one node.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>The runtime's configuration name.</summary>
    string Name { get; }

    /// <summary>True when the runtime mounts <see cref="ContainerRequest.Volumes"/>; a <c>containerSet</c> with a shared workspace needs it.</summary>
    bool SupportsVolumes => false;

    /// <summary>
    /// The address later steps reach a daemon at (<c>{{steps.X.ip}}</c>), or null when this runtime cannot run daemons.
    /// </summary>
    string? DaemonAddress => null;

    /// <summary>True when the runtime runs daemons: containers whose address later steps reach (<see cref="AddressOfAsync"/>).</summary>
    bool RunsDaemons => DaemonAddress is not null;

    /// <summary>
    /// The address of <paramref name="request"/>'s running container (the container's or container group's IP), or
    /// null while it has none yet; <see cref="DaemonAddress"/> where every container has the same.
    /// </summary>
    Task<string?> AddressOfAsync(ContainerRequest request, CancellationToken cancellationToken) => Task.FromResult(DaemonAddress);

    /// <summary>True when the runtime places <see cref="ContainerRequest.Artifacts"/> before a container runs and collects them after.</summary>
    bool MovesArtifacts => false;

    /// <summary>Runs <paramref name="request"/> to its end; cancellation stops it.</summary>
    Task<ContainerResult> RunAsync(ContainerRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// A container that could not be started at all. Without its image or quota the node errors; when its image is there
/// but has no such command (<see cref="CommandNotFound"/>), its pod fails, and the node with it, as in Argo.
/// </summary>
public sealed class ContainerStartException(string message, Exception? inner = null, bool commandNotFound = false) : Exception(message, inner)
{
    /// <summary>True when the command to run does not exist: the pod fails (Argo's StartError), not the platform.</summary>
    public bool CommandNotFound { get; } = commandNotFound;
}

/// <summary>One container of a <c>containerSet</c> pod that runs as one unit: its name, dependencies and request.</summary>
/// <param name="Name">The container's name in the set.</param>
/// <param name="Dependencies">The containers that must succeed before its command runs.</param>
/// <param name="Request">What to run (env resolved; output paths for <c>main</c> only).</param>
public sealed record ContainerSetMemberRequest(string Name, IReadOnlyList<string> Dependencies, ContainerRequest Request);

/// <summary>A <c>containerSet</c> pod for a runtime that runs all its containers as one unit (<see cref="IContainerSetRuntime"/>).</summary>
/// <param name="WorkflowName">The workflow.</param>
/// <param name="PodName">Argo's pod name of the set's node: the unit is named from it, so a second run finds the first's.</param>
/// <param name="Containers">The containers, in declaration order.</param>
/// <param name="VolumeMounts">The set's shared volumes, mounted into every container.</param>
/// <param name="Attempts">How many times a failing command runs (<see cref="Semantics.ContainerSetGraph.Attempts"/>).</param>
/// <param name="RetryDelay">The wait between runs (<see cref="Semantics.ContainerSetGraph.Delay"/>).</param>
/// <param name="Log">The pod node's log.</param>
/// <param name="Artifacts">The set's artifacts (paths in its volumes), or null.</param>
public sealed record ContainerSetRequest(
    string WorkflowName,
    string PodName,
    IReadOnlyList<ContainerSetMemberRequest> Containers,
    IReadOnlyList<Core.Spec.VolumeMount> VolumeMounts,
    int Attempts,
    TimeSpan RetryDelay,
    NodeLog Log,
    IArtifactExchange? Artifacts);

/// <summary>
/// A runtime that starts every container of a <c>containerSet</c> at once in one unit (an Azure Container Instances
/// group), the dependency order and retries kept inside it, as upstream's emissary keeps them inside the pod. The
/// <see cref="ContainerSetRunner"/> turns what it observes into the containers' nodes with
/// <see cref="Semantics.ContainerSetGraph"/>'s rules.
/// </summary>
public interface IContainerSetRuntime
{
    /// <summary>
    /// Runs <paramref name="request"/>; after each look at the unit calls <paramref name="observed"/> with every container
    /// that has terminated so far (its final exit code, stdout and, for <c>main</c>, output files), and stops waiting
    /// when it answers true or every container has terminated. Cancellation, and the end, remove the unit.
    /// </summary>
    Task RunSetAsync(
        ContainerSetRequest request, Func<IReadOnlyDictionary<string, ContainerResult>, CancellationToken, Task<bool>> observed, CancellationToken cancellationToken);
}
