using Durango.Engine.Model;

namespace Durango.Engine.Executors;

/// <summary>What an executor reports: the phase, why, the result text, an exit code and the output files it read.</summary>
/// <param name="Phase">Succeeded, Failed or Error.</param>
/// <param name="Message">Why, when not Succeeded.</param>
/// <param name="Result">Standard output, or the HTTP response body.</param>
/// <param name="ExitCode">The process exit code, if there was a process.</param>
/// <param name="OutputFiles">Contents of the files named by output parameters' <c>valueFrom.path</c>; null where missing.</param>
public sealed record LeafOutcome(
    NodePhase Phase,
    string? Message,
    string? Result = null,
    int? ExitCode = null,
    IReadOnlyDictionary<string, string?>? OutputFiles = null);
