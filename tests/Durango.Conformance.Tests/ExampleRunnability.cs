using System.Text.RegularExpressions;
using Durango.Core.Spec;

namespace Durango.Conformance.Tests;

/// <summary>
/// Whether an Argo example can run on this host with the process runtime: every container and script uses a command
/// the host has (or one the runtime stands in for), and nothing reaches the network or a cluster. Examples that
/// cannot are counted and named, not run.
/// </summary>
internal static partial class ExampleRunnability
{
    private static readonly HashSet<string> Builtins = ["argosay", "cowsay"];

    /// <summary>Why <paramref name="document"/> cannot run here, or null when it can.</summary>
    public static string? WhyNot(WorkflowDocument document, IEnumerable<WorkflowDocument> templates)
    {
        var all = document.Spec.Templates.Concat(templates.SelectMany(t => t.Spec.Templates)).ToList();
        if (document.Spec.ArtifactRepositoryRef is not null)
        {
            return "names an artifact repository (artifactRepositoryRef), configured on Azure Storage by ArtifactRepositoryRefAzuriteTests, which runs it";
        }

        foreach (var template in document.Spec.Templates)
        {
            var reason = template.Body switch
            {
                HttpBody => "sends HTTP requests to the internet",
                SuspendBody { Duration: null } => "waits to be resumed by hand",
                ContainerBody c => Check(c.Container, null, HasArtifacts(template)),
                ScriptBody s => Check(s.Container, s.Source, HasArtifacts(template)),
                _ => null,
            };
            if (reason is not null)
            {
                return $"template '{template.Name}' {reason}";
            }
        }

        return all.Count == 0 ? "has no templates" : null;
    }

    /// <summary>A step with artifacts gets a file system of its own, in which <c>/mnt</c> is the step's, not the host's.</summary>
    private static bool HasArtifacts(Template template) => template.Inputs.Artifacts.Count + template.Outputs.Artifacts.Count > 0;

    private static string? Check(ContainerSpec container, string? source, bool ownFileSystem)
    {
        var command = (container.Command.Count > 0 ? container.Command[0] : null) ?? Executors(container.Image);
        if (command is null)
        {
            return $"relies on the entry point of image '{container.Image}'";
        }

        var name = Path.GetFileName(command);
        if (!Builtins.Contains(name) && !OnPath(name))
        {
            return $"runs '{command}', which this host lacks";
        }

        var text = string.Join(' ', container.Command.Concat(container.Args).Append(source ?? string.Empty));
        return Network().Matches(text).FirstOrDefault(m => !(ownFileSystem && m.Value == "/mnt/")) is { } match
            ? $"uses '{match.Value.Trim()}' (network or tools this host lacks)"
            : null;
    }

    private static string? Executors(string? image) => image switch
    {
        null => null,
        _ when image.StartsWith("argoproj/argosay", StringComparison.Ordinal) => "argosay",
        _ when image.StartsWith("docker/whalesay", StringComparison.Ordinal) => "cowsay",
        _ => null,
    };

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, command)));

    [GeneratedRegex(@"\b(curl|wget|kubectl|apk|apt-get|pip|git|docker|nc|aws|gsutil|mc|mysql|psql)\s|https?://|/argosay\b|/mnt/|/argo/")]
    private static partial Regex Network();
}
