using Durango.Core.Diagnostics;
using Durango.Core.Spec;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// <c>daemon: true</c> and readiness probes: a daemon is a container or script (a pod upstream), and a probe has
/// exactly one of <c>httpGet</c>, <c>tcpSocket</c>, <c>exec</c>, with a port number (Durango has no named ports) and
/// positive timings.
/// </summary>
internal sealed class DaemonRules : IValidationRule
{
    public void Check(ValidationContext context)
    {
        foreach (var template in context.Spec.Templates)
        {
            var path = context.TemplatePath(template);
            if (template.Daemon && template.Body is not (ContainerBody or ScriptBody))
            {
                context.Error(DiagnosticCodes.NotSupported, $"{path}.daemon",
                    $"daemon is for container and script templates, not '{template.Body.Kind}'; move daemon: true to the container template it starts");
            }

            var (container, field) = template.Body switch
            {
                ContainerBody c => (c.Container, "container"),
                ScriptBody s => (s.Container, "script"),
                _ => (null, string.Empty),
            };
            if (container?.ReadinessProbe is { } probe)
            {
                CheckProbe(context, $"{path}.{field}.readinessProbe", probe);
            }
        }
    }

    private static void CheckProbe(ValidationContext context, string path, Probe probe)
    {
        var handlers = new object?[] { probe.HttpGet, probe.TcpSocket, probe.Exec }.Count(h => h is not null);
        if (handlers != 1)
        {
            context.Error(DiagnosticCodes.BadValue, path, $"a readiness probe needs exactly one of httpGet, tcpSocket and exec; it has {handlers}");
        }

        CheckPort(context, $"{path}.httpGet.port", probe.HttpGet?.Port);
        CheckPort(context, $"{path}.tcpSocket.port", probe.TcpSocket?.Port);
        if (probe.HttpGet is { Scheme: not ("HTTP" or "HTTPS") } http)
        {
            context.Error(DiagnosticCodes.BadValue, $"{path}.httpGet.scheme", $"scheme must be HTTP or HTTPS, not '{http.Scheme}'");
        }

        if (probe.Exec is { Count: 0 })
        {
            context.Error(DiagnosticCodes.Required, $"{path}.exec.command", "give the command the probe runs");
        }

        if (probe.PeriodSeconds < 1 || probe.TimeoutSeconds < 1 || probe.InitialDelaySeconds < 0)
        {
            context.Error(DiagnosticCodes.BadValue, path, "periodSeconds and timeoutSeconds must be at least 1, initialDelaySeconds at least 0");
        }
    }

    private static void CheckPort(ValidationContext context, string path, string? port)
    {
        if (port is not null && !(int.TryParse(port, out var number) && number is > 0 and < 65536))
        {
            context.Error(DiagnosticCodes.BadValue, path, $"port must be a number from 1 to 65535, not '{port}' (named ports are not supported)");
        }
    }
}
