namespace Durango.Core.Spec;

/// <summary>
/// Argo's <c>containerSet</c>: several containers in one pod, each starting when its <c>dependencies</c> have
/// succeeded, sharing the set's <c>volumeMounts</c>; <c>outputs</c> come from the container named <c>main</c>.
/// </summary>
/// <param name="Containers">The containers, in declaration order.</param>
public sealed record ContainerSetBody(IReadOnlyList<ContainerSetMember> Containers) : TemplateBody
{
    /// <summary>The name of the container whose stdout is <c>outputs.result</c> and whose files are output parameters.</summary>
    public const string MainContainer = "main";

    /// <inheritdoc/>
    public override string Kind => "containerSet";

    /// <summary>Volumes every container mounts (a shared workspace).</summary>
    public IReadOnlyList<VolumeMount> VolumeMounts { get; init; } = [];

    /// <summary>How often each container's command runs again when it fails.</summary>
    public ContainerSetRetry? Retry { get; init; }
}

/// <summary>One container of a <c>containerSet</c>.</summary>
/// <param name="Name">Its name, unique in the set.</param>
/// <param name="Container">Image, command, args, env.</param>
/// <param name="Dependencies">Containers that must succeed before this one starts.</param>
public sealed record ContainerSetMember(string Name, ContainerSpec Container, IReadOnlyList<string> Dependencies);

/// <summary>A volume mounted into a container: the volume's name and where it appears.</summary>
/// <param name="Name">The volume.</param>
/// <param name="MountPath">The path inside the container.</param>
public sealed record VolumeMount(string Name, string MountPath);

/// <summary>Argo's <c>containerSet.retryStrategy</c>: <c>retries</c> (int or string) and a fixed <c>duration</c> between them.</summary>
/// <param name="Retries">The number of runs of a failing command (upstream's back-off steps).</param>
/// <param name="Duration">The wait between runs (<c>"10s"</c>), none by default.</param>
public sealed record ContainerSetRetry(string? Retries, string? Duration);
