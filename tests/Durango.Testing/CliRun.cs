namespace Durango.Testing;

/// <summary>What a CLI invocation printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr);
