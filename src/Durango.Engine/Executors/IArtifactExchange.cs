namespace Durango.Engine.Executors;

/// <summary>
/// A step's artifacts as its container runtime sees them: the container paths they live at, placed before the
/// step runs and collected after. The runtime says where a container path is on this host (<c>hostPath</c>); the
/// exchange streams each artifact between that file or directory and its repository.
/// </summary>
public interface IArtifactExchange
{
    /// <summary>The container paths of the step's input and output artifacts.</summary>
    IReadOnlyList<string> Paths { get; }

    /// <summary>
    /// The container paths outputs are collected from: what a runtime that copies files out of a container (docker,
    /// aci) copies. All of <see cref="Paths"/> unless the exchange knows better.
    /// </summary>
    IReadOnlyList<string> OutputPaths => Paths;

    /// <summary>Puts every input artifact at <c>hostPath(its path)</c>.</summary>
    Task PlaceInputsAsync(Func<string, string> hostPath, CancellationToken cancellationToken);

    /// <summary>Stores every output artifact found at <c>hostPath(its path)</c>.</summary>
    Task CollectOutputsAsync(Func<string, string> hostPath, CancellationToken cancellationToken);
}
