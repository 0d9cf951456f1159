using Durango.Core.Spec;
using Durango.Engine.Model;

namespace Durango.Engine.Executors;

/// <summary>
/// Runs one leaf template with the executor its kind needs — a container runtime, HTTP, or a plugin — after
/// resolving its secrets. A secret that is missing errors the node, naming the secret and key but never a value.
/// </summary>
public sealed class LeafDispatcher(
    IContainerRuntime containers, HttpTemplateExecutor http, IEnumerable<IPluginExecutor> plugins, ISecretStore secrets, DurangoOptions options)
{
    private readonly Dictionary<string, IPluginExecutor> _plugins = plugins.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The secret values <paramref name="template"/> uses, so that logs can redact them.</summary>
    public IEnumerable<string> SecretValues(Template template)
    {
        IEnumerable<SecretKeyRef> refs = template.Body switch
        {
            ContainerBody c => c.Container.Env.Select(e => e.SecretKeyRef).OfType<SecretKeyRef>(),
            ScriptBody s => s.Container.Env.Select(e => e.SecretKeyRef).OfType<SecretKeyRef>(),
            ContainerSetBody set => set.Containers.SelectMany(c => c.Container.Env).Select(e => e.SecretKeyRef).OfType<SecretKeyRef>(),
            HttpBody h => h.Http.Headers.Select(e => e.SecretKeyRef).OfType<SecretKeyRef>(),
            _ => [],
        };
        return refs.Select(r => secrets.Get(r.Name, r.Key)).OfType<string>();
    }

    /// <summary>
    /// Runs <paramref name="template"/> as node <paramref name="podName"/> of <paramref name="workflow"/>; a container or
    /// script step's <paramref name="artifacts"/> go to its container runtime, and a leaf that makes nodes of its own
    /// (a <c>containerSet</c>'s containers) records them through <paramref name="node"/>.
    /// </summary>
    public async Task<LeafOutcome> RunAsync(
        string workflow, string podName, Template template, NodeLog log, CancellationToken cancellationToken,
        IArtifactExchange? artifacts = null, LeafNode? node = null)
    {
        switch (template.Body)
        {
            case ContainerBody or ScriptBody when artifacts is { Paths.Count: > 0 } && !containers.MovesArtifacts:
                // A runtime that cannot move artifacts would lose them silently.
                return new LeafOutcome(NodePhase.Error, $"the '{containers.Name}' container runtime does not move artifacts yet; run steps with artifacts on the process runtime");

            case ContainerBody or ScriptBody:
                // Upstream (operator.go, executeScript): an empty source runs the container as it is, no script path added.
                var (container, source) = template.Body is ScriptBody script
                    ? (script.Container, string.IsNullOrEmpty(script.Source) ? null : script.Source)
                    : (((ContainerBody)template.Body).Container, (string?)null);
                var (env, missing) = ResolveEnv(container);
                if (missing is not null)
                {
                    return missing;
                }

                var paths = OutputPaths(template);
                var request = new ContainerRequest(workflow, podName, container.Image, container.Command, container.Args, env!, container.WorkingDir, source, container.Requests, paths, log, artifacts);
                if (template.Daemon)
                {
                    return await new DaemonRunner(containers).RunAsync(request, container.ReadinessProbe, node, cancellationToken).ConfigureAwait(false);
                }

                var result = await containers.RunAsync(request, cancellationToken).ConfigureAwait(false);
                var stdout = result.Stdout.TrimEnd('\n', '\r');
                return result.ExitCode == 0
                    ? new LeafOutcome(NodePhase.Succeeded, null, stdout, 0, result.OutputFiles)
                    : new LeafOutcome(NodePhase.Failed, ArgoMessages.ExitCode(result.ExitCode), stdout, result.ExitCode, result.OutputFiles);

            case ContainerSetBody set:
                return await new ContainerSetRunner(containers, options.WorkDirectory).RunAsync(workflow, podName, template, set, (member, volumes) =>
                {
                    var (memberEnv, memberMissing) = ResolveEnv(member.Container);
                    var c = member.Container;
                    var memberPaths = member.Name == ContainerSetBody.MainContainer ? OutputPaths(template) : [];
                    return memberMissing is not null
                        ? new ContainerSetRunner.Prepared(null, memberMissing)
                        : new ContainerSetRunner.Prepared(
                            new ContainerRequest(workflow, $"{podName}-{member.Name}", c.Image, c.Command, c.Args, memberEnv!, c.WorkingDir, null, c.Requests, memberPaths, log) { Volumes = volumes },
                            null);
                }, log, node, cancellationToken, artifacts).ConfigureAwait(false);

            case HttpBody h:
                var headers = new List<KeyValuePair<string, string>>();
                foreach (var header in h.Http.Headers)
                {
                    if (header.SecretKeyRef is { } secret)
                    {
                        if (secrets.Get(secret.Name, secret.Key) is not { } value)
                        {
                            return MissingSecret(secret, $"header {header.Name}");
                        }

                        headers.Add(KeyValuePair.Create(header.Name, value));
                    }
                    else
                    {
                        headers.Add(KeyValuePair.Create(header.Name, header.Value ?? string.Empty));
                    }
                }

                return await http.RunAsync(h.Http, headers, log, cancellationToken).ConfigureAwait(false);

            case PluginBody plugin:
                return _plugins.TryGetValue(plugin.Name, out var executor)
                    ? await executor.RunAsync(plugin.Config, log, cancellationToken).ConfigureAwait(false)
                    : new LeafOutcome(NodePhase.Error, $"plugin '{plugin.Name}' is not available; this host runs: {string.Join(", ", _plugins.Keys.Order(StringComparer.Ordinal))}");

            default:
                return new LeafOutcome(NodePhase.Error, $"template kind '{template.Body.Kind}' is not a leaf");
        }
    }

    private static List<string> OutputPaths(Template template) =>
        template.Outputs.Parameters.Select(p => p.ValueFrom?.Path).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A container's environment with its secrets resolved, or the error of the first missing one.</summary>
    private (List<ResolvedEnv>? Env, LeafOutcome? Missing) ResolveEnv(ContainerSpec container)
    {
        var env = new List<ResolvedEnv>();
        foreach (var variable in container.Env)
        {
            if (variable.SecretKeyRef is { } secret)
            {
                if (secrets.Get(secret.Name, secret.Key) is { } value)
                {
                    env.Add(new ResolvedEnv(variable.Name, value, Secret: true));
                }
                else if (!secret.Optional)
                {
                    return (null, MissingSecret(secret, $"env {variable.Name}"));
                }
            }
            else
            {
                env.Add(new ResolvedEnv(variable.Name, variable.Value ?? string.Empty, Secret: false));
            }
        }

        return (env, null);
    }

    private static LeafOutcome MissingSecret(SecretKeyRef secret, string where) => new(NodePhase.Error,
        $"secret '{secret.Name}' has no key '{secret.Key}' ({where}); set configuration Secrets:{secret.Name}:{secret.Key}");
}
