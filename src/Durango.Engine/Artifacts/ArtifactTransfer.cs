using Durango.Core.Spec;
using Durango.Engine.Executors;

namespace Durango.Engine.Artifacts;

/// <summary>Makes the <see cref="IArtifactExchange"/> of one step: its inputs to load, its outputs to store.</summary>
public sealed class ArtifactTransfer(ArtifactLocations locations, IHttpClientFactory http)
{
    /// <summary>The artifacts of <paramref name="template"/> (inputs bound, outputs substituted) as node <paramref name="podName"/> of <paramref name="workflow"/>; null when it has none.</summary>
    public StepArtifacts? For(string workflow, string podName, Template template) =>
        template.Inputs.Artifacts.Count == 0 && template.Outputs.Artifacts.Count == 0
            ? null
            : new StepArtifacts(locations, http, workflow, podName, template);

    /// <summary>The secret values the artifacts of <paramref name="template"/> use.</summary>
    public IEnumerable<string> SecretValues(Template template) => locations.SecretValues(template.Inputs.Artifacts.Concat(template.Outputs.Artifacts));
}
