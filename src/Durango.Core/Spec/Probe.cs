namespace Durango.Core.Spec;

/// <summary>
/// A Kubernetes readiness probe, as a daemon's container declares it: one of <see cref="HttpGet"/>,
/// <see cref="TcpSocket"/> or <see cref="Exec"/>, tried <see cref="InitialDelaySeconds"/> after the start and then
/// every <see cref="PeriodSeconds"/>, each try given <see cref="TimeoutSeconds"/>. Kubernetes' defaults apply.
/// </summary>
public sealed record Probe
{
    /// <summary>An HTTP GET that must answer 200-399.</summary>
    public HttpGetProbe? HttpGet { get; init; }

    /// <summary>A TCP port that must accept a connection.</summary>
    public TcpSocketProbe? TcpSocket { get; init; }

    /// <summary>A command that must exit 0.</summary>
    public IReadOnlyList<string>? Exec { get; init; }

    /// <summary>Seconds after the start before the first try (0).</summary>
    public int InitialDelaySeconds { get; init; }

    /// <summary>Seconds between tries (10).</summary>
    public int PeriodSeconds { get; init; } = 10;

    /// <summary>Seconds one try may take (1).</summary>
    public int TimeoutSeconds { get; init; } = 1;
}

/// <summary>A probe's HTTP GET: <c>scheme://host:port/path</c>; the host is the container's address by default.</summary>
/// <param name="Path">The path (<c>/</c>).</param>
/// <param name="Port">The port number, as text (named ports are a lint error).</param>
/// <param name="Host">The host, when not the container's.</param>
/// <param name="Scheme"><c>HTTP</c> or <c>HTTPS</c>.</param>
public sealed record HttpGetProbe(string Path, string Port, string? Host, string Scheme);

/// <summary>A probe's TCP connection to <paramref name="Port"/>.</summary>
/// <param name="Port">The port number, as text.</param>
/// <param name="Host">The host, when not the container's.</param>
public sealed record TcpSocketProbe(string Port, string? Host);
