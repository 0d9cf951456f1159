using Durango.Core.Spec;

namespace Durango.Core.Loading;

/// <summary>Reads a container's <c>readinessProbe</c> (<c>httpGet</c>, <c>tcpSocket</c>, <c>exec</c> and the timings).</summary>
internal static class ProbeReader
{
    private static readonly FieldPolicy Policy = new(
        new HashSet<string>(["successThreshold", "failureThreshold", "terminationGracePeriodSeconds"], StringComparer.Ordinal),
        new Dictionary<string, string> { ["grpc"] = "gRPC probes (use httpGet, tcpSocket or exec)" },
        new Dictionary<string, string>());

    /// <summary>The <c>readinessProbe</c> of the container <paramref name="container"/> reads, if it has one.</summary>
    public static Probe? Read(MapReader container)
    {
        var reader = container.Map("readinessProbe", Policy);
        if (reader is null)
        {
            return null;
        }

        HttpGetProbe? httpGet = null;
        if (reader.Map("httpGet", new FieldPolicy(new HashSet<string>(["httpHeaders"], StringComparer.Ordinal), new Dictionary<string, string>(), new Dictionary<string, string>())) is { } http)
        {
            httpGet = new HttpGetProbe(http.String("path") ?? "/", http.RequiredString("port", "give the port the probe calls"), http.String("host"), http.String("scheme") ?? "HTTP");
            http.Finish();
        }

        TcpSocketProbe? tcp = null;
        if (reader.Map("tcpSocket", FieldPolicy.Strict) is { } socket)
        {
            tcp = new TcpSocketProbe(socket.RequiredString("port", "give the port the probe connects to"), socket.String("host"));
            socket.Finish();
        }

        IReadOnlyList<string>? exec = null;
        if (reader.Map("exec", FieldPolicy.Strict) is { } command)
        {
            exec = command.StringList("command");
            command.Finish();
        }

        var probe = new Probe
        {
            HttpGet = httpGet,
            TcpSocket = tcp,
            Exec = exec,
            InitialDelaySeconds = reader.Int("initialDelaySeconds") ?? 0,
            PeriodSeconds = reader.Int("periodSeconds") ?? 10,
            TimeoutSeconds = reader.Int("timeoutSeconds") ?? 1,
        };
        reader.Finish();
        return probe;
    }
}
