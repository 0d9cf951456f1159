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

    /// <summary>Puts every input artifact at <c>hostPath(its path)</c>.</summary>
    Task PlaceInputsAsync(Func<string, string> hostPath, CancellationToken cancellationToken);

    /// <summary>Stores every output artifact found at <c>hostPath(its path)</c>.</summary>
    Task CollectOutputsAsync(Func<string, string> hostPath, CancellationToken cancellationToken);
}
