namespace Durango.Core.Loading;

/// <summary>
/// What a mapping may hold beyond the fields its reader asks for: Kubernetes-only fields that Durango accepts
/// and ignores (warning), and Argo features it does not support (error, since running without them would
/// change the outcome) or ignores (warning, since they do not).
/// </summary>
internal sealed record FieldPolicy(
    IReadOnlySet<string> KubernetesOnly,
    IReadOnlyDictionary<string, string> NotSupported,
    IReadOnlyDictionary<string, string> Ignored)
{
    public static readonly FieldPolicy Strict = new(
        new HashSet<string>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    private static readonly string[] PodFields =
    [
        "nodeSelector", "affinity", "tolerations", "volumes", "initContainers", "sidecars", "securityContext",
        "podSpecPatch", "serviceAccountName", "automountServiceAccountToken", "schedulerName", "priorityClassName",
        "priority", "hostAliases", "executor", "metadata", "podPriorityClassName", "podPriority", "hostNetwork",
        "dnsPolicy", "dnsConfig", "imagePullSecrets", "volumeClaimTemplates", "podDisruptionBudget", "podMetadata",
        "podGC", "volumeClaimGC", "resourceClaims", "podResources", "executorPlugins",
    ];

    public static readonly FieldPolicy Spec = new(
        Set(PodFields),
        new Dictionary<string, string>
        {
            ["suspend"] = "submitting a workflow suspended",
            ["shutdown"] = "spec.shutdown (use the stop and terminate endpoints)",
        },
        new Dictionary<string, string>
        {
            ["ttlStrategy"] = "finished workflows are kept until deleted",
            ["metrics"] = "Prometheus metrics",
        });

    public static readonly FieldPolicy Template = new(
        Set(PodFields),
        new Dictionary<string, string>
        {
        },
        new Dictionary<string, string>
        {
            ["metrics"] = "Prometheus metrics",
            ["annotations"] = "pod annotations",
        });

    public static readonly FieldPolicy Container = new(
        Set(
            "imagePullPolicy", "volumeMounts", "securityContext", "ports", "livenessProbe",
            "startupProbe", "lifecycle", "stdin", "stdinOnce", "tty", "terminationMessagePath",
            "terminationMessagePolicy", "volumeDevices", "envFrom", "mirrorVolumeMounts", "restartPolicy",
            "resizePolicy"),
        new Dictionary<string, string>(),
        new Dictionary<string, string> { ["name"] = "container names" });

    public static readonly FieldPolicy IO = new(
        new HashSet<string>(),
        new Dictionary<string, string>(),
        new Dictionary<string, string>());

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);
}
