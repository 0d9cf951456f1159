using System.Text.Json.Serialization;
using Durango.Engine.Model;

namespace Durango.Engine.Orchestration;

/// <summary>What a control signal asks of a running workflow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ControlKind>))]
public enum ControlKind
{
    /// <summary>Argo's <c>stop</c>: fail the running nodes, start nothing new, still run exit handlers.</summary>
    Stop,

    /// <summary>Argo's <c>suspend</c>: start nothing new until resumed.</summary>
    Suspend,

    /// <summary>Argo's <c>resume</c>: carry on, and end every waiting suspend node.</summary>
    Resume,

    /// <summary>
    /// Argo's <c>terminate</c>: like stop, but exit handlers and hooks do not run. The API follows it with Durable
    /// terminate; the signal makes the outcome independent of which message an orchestration happens to see first.
    /// </summary>
    Terminate,

    /// <summary>
    /// Argo's <c>set</c> on the waiting suspend nodes the selector picks: output parameter values and a message recorded
    /// on them; with a phase, they end with it.
    /// </summary>
    Set,
}

/// <summary>
/// An external event to a workflow's orchestrations. The API raises it on the root; each orchestration passes it
/// on to the child orchestrations it is running, so the whole tree hears it.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Message">For a stop: the message the stopped nodes get; for a set: the node's message.</param>
public sealed record ControlSignal(ControlKind Kind, string? Message = null)
{
    /// <summary>For resume and set: Argo's <c>nodeFieldSelector</c> (<c>displayName=approve</c>); null picks every waiting node.</summary>
    public string? NodeFieldSelector { get; init; }

    /// <summary>For set: the phase the picked nodes end with; null leaves them waiting.</summary>
    public NodePhase? Phase { get; init; }

    /// <summary>For set: output parameter values of the picked nodes.</summary>
    public IReadOnlyDictionary<string, string>? OutputParameters { get; init; }

    /// <summary>The name of the external event.</summary>
    public const string EventName = "durango.control";
}
