namespace Durango.Cloud.ContainerInstances;

/// <summary>Settings of the <c>aci</c> container runtime, section <c>Durango:Aci</c> (app settings <c>Durango__Aci__X</c>).</summary>
public sealed class AciOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Durango:Aci";

    /// <summary>The subscription the container groups are created in.</summary>
    public string? SubscriptionId { get; set; }

    /// <summary>The resource group the container groups are created in.</summary>
    public string? ResourceGroup { get; set; }

    /// <summary>The region of the container groups (the resource group's, in the Bicep deployment).</summary>
    public string? Location { get; set; }

    /// <summary>Azure Resource Manager; a local stand-in in tests.</summary>
    public Uri Endpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>The Microsoft.ContainerInstance API version used.</summary>
    public string ApiVersion { get; set; } = "2023-05-01";

    /// <summary>A subnet resource id to put the groups in (a virtual network), if any.</summary>
    public string? SubnetId { get; set; }

    /// <summary>A private registry's server (<c>myregistry.azurecr.io</c>), if images come from one.</summary>
    public string? RegistryServer { get; set; }

    /// <summary>The registry's user name; with <see cref="RegistryPassword"/>.</summary>
    public string? RegistryUsername { get; set; }

    /// <summary>The registry's password (a Key Vault reference in Azure); sent as ARM's secure credential, never logged.</summary>
    public string? RegistryPassword { get; set; }

    /// <summary>A user-assigned identity (resource id) that pulls from the registry instead of a password.</summary>
    public string? RegistryIdentity { get; set; }

    /// <summary>The client id of the user-assigned managed identity Durango calls ARM with; the default credential chain when unset.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>CPU cores when the template requests none.</summary>
    public double DefaultCpu { get; set; } = 1;

    /// <summary>Memory in GB when the template requests none.</summary>
    public double DefaultMemoryGb { get; set; } = 1.5;

    /// <summary>The first wait between polls of a running container group; it backs off to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between polls.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a throttled (429) or transiently failed ARM call is tried again.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>The first retry delay when ARM gives no <c>Retry-After</c>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The storage account artifacts pass through on their way into and out of container groups: a connection string,
    /// or a blob endpoint (<c>https://NAME.blob.core.windows.net</c>) reached with the runtime's identity, which then
    /// signs user-delegation SAS (its Storage Blob Data Contributor/Owner role allows that). Steps with artifacts need it.
    /// </summary>
    public string? ArtifactStaging { get; set; }

    /// <summary>The blob container in <see cref="ArtifactStaging"/> (created on first use).</summary>
    public string ArtifactStagingContainer { get; set; } = "durango-aci-artifacts";

    /// <summary>
    /// The image of the artifact agent (init container and sidecar): built from
    /// <c>src/Durango.Cloud/ContainerInstances/artifact-agent/Dockerfile</c>; any image with <c>sh</c>, <c>tar</c> and <c>curl</c> works.
    /// </summary>
    public string? ArtifactAgentImage { get; set; }

    /// <summary>How long the SAS URLs given to a container group stay valid: longer than the longest step with artifacts.</summary>
    public TimeSpan ArtifactSasLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The host folder artifacts are staged in while they pass; the system's temporary folder when unset.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>
    /// Images' entry points by repository (no tag; <c>Durango:Aci:Entrypoints:argoproj/argosay:0 = /argosay</c>), as
    /// upstream's controller configuration <c>images</c> gives them: a container with args and no command, or one that
    /// must be wrapped (a <c>containerSet</c>'s), runs its image's entry point from here, since ACI cannot pass
    /// arguments to it. Argo's own test image <c>argoproj/argosay</c> is known.
    /// </summary>
    public Dictionary<string, string[]> Entrypoints { get; set; } = new(StringComparer.Ordinal);

    // Known without configuration (a default in Entrypoints would be appended to, not replaced, by configuration binding).
    private static readonly Dictionary<string, string[]> KnownEntrypoints = new(StringComparer.Ordinal) { ["argoproj/argosay"] = ["/argosay"] };

    /// <summary>The entry point <see cref="Entrypoints"/> gives <paramref name="image"/> (any tag or digest), or null.</summary>
    public IReadOnlyList<string>? EntrypointOf(string? image)
    {
        if (image is null)
        {
            return null;
        }

        var repository = image.Split('@')[0];
        var colon = repository.LastIndexOf(':');
        repository = colon > repository.LastIndexOf('/') ? repository[..colon] : repository;
        repository = repository.StartsWith("docker.io/", StringComparison.Ordinal) ? repository["docker.io/".Length..] : repository;
        return (Entrypoints.GetValueOrDefault(repository) ?? KnownEntrypoints.GetValueOrDefault(repository)) is { Length: > 0 } entrypoint ? entrypoint : null;
    }

    /// <summary>What is missing for the runtime to work, or null.</summary>
    public string? Missing() =>
        SubscriptionId is null ? "Durango:Aci:SubscriptionId"
        : ResourceGroup is null ? "Durango:Aci:ResourceGroup"
        : Location is null ? "Durango:Aci:Location"
        : null;
}
