namespace Durango.Api.Http;

/// <summary>
/// A link argo-server's <c>/api/v1/info</c> hands the UI (argo's <c>links</c> setting): <c>Durango:Api:Links:N:Name</c>,
/// <c>:Scope</c> (<c>workflow</c>, <c>pod</c>, <c>workflow-list</c>, ...) and <c>:Url</c>, with <c>${metadata.name}</c>-style
/// placeholders the UI fills in.
/// </summary>
public sealed class ApiLink
{
    /// <summary>The text the UI shows.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Where the UI shows it.</summary>
    public string Scope { get; set; } = string.Empty;

    /// <summary>The URL, with placeholders.</summary>
    public string Url { get; set; } = string.Empty;
}
