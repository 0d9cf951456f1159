namespace Durango.Engine;

/// <summary>Durango's settings, bound from configuration section <c>Durango</c> (app settings <c>Durango__X</c>).</summary>
public sealed class DurangoOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Durango";

    /// <summary>The task hub when <c>Durango:TaskHub</c> is not set (as <c>host.json</c>'s hubName).</summary>
    public const string DefaultTaskHub = "durango";

    /// <summary>Which container runtime runs container and script steps: <c>process</c> (default), <c>docker</c> or <c>aci</c>.</summary>
    public string ContainerRuntime { get; set; } = "process";

    /// <summary>
    /// Where the process runtime makes each node's working directory. Outside <c>/tmp</c> on Linux (in
    /// <c>/var/tmp</c>), because steps get a private <c>/tmp</c> that would hide it.
    /// </summary>
    public string WorkDirectory { get; set; } = OperatingSystem.IsLinux() && Directory.Exists("/var/tmp")
        ? "/var/tmp/durango/work"
        : Path.Combine(Path.GetTempPath(), "durango", "work");

    /// <summary>
    /// The default artifact repository of a host without Azure Storage (the in-memory embedded host): a local folder.
    /// With Azure Storage the default repository is the container <c>{hub}-artifacts</c> in that account.
    /// </summary>
    public string ArtifactDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "durango", "artifacts");

    /// <summary>The docker CLI the <c>docker</c> runtime runs (a path, or a name on PATH).</summary>
    public string DockerCommand { get; set; } = "docker";

    /// <summary>Where the file log store keeps node logs (when logs are not in Blob Storage).</summary>
    public string LogDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "durango", "logs");

    /// <summary>
    /// Output values (results, output parameters) larger than this many UTF-8 bytes go to the output store and
    /// through orchestration history as a reference, which keeps replays cheap.
    /// </summary>
    public int OutputInlineBytes { get; set; } = 4096;

    /// <summary>Caps on nesting, nodes and loop sizes (<c>Durango:Limits:*</c>); see <see cref="Semantics.WorkflowLimits"/>.</summary>
    public Semantics.WorkflowLimits Limits { get; set; } = new();

    /// <summary>
    /// How often a running leaf looks at the node store for a stop or terminate that another host recorded (a
    /// workflow's steps may run on any host of the task hub).
    /// </summary>
    public TimeSpan CancellationPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While someone waits for a mutex or semaphore, how often its lock looks for holders whose workflow has ended
    /// without giving it back (terminated, deleted), and frees their holds.
    /// </summary>
    public TimeSpan LockCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a mutex or semaphore's orchestration lives with nobody holding or waiting for it before it ends (the
    /// next holder starts it again); while holders but no waiters remain, how often it looks for holders whose
    /// workflow has ended.
    /// </summary>
    public TimeSpan LockIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a node or workflow waits for a lock's first answer to an acquire before it opens the lock again and
    /// sends the acquire again (the acquire may have reached the lock's orchestration as it ended idle).
    /// </summary>
    public TimeSpan LockResendInterval { get; set; } = TimeSpan.FromSeconds(30);
}
