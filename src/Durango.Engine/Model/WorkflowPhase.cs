using System.Text.Json.Serialization;

namespace Durango.Engine.Model;

/// <summary>The phase of a workflow, as Argo names it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkflowPhase>))]
public enum WorkflowPhase
{
    /// <summary>Accepted, not started.</summary>
    Pending,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Finished successfully.</summary>
    Succeeded,

    /// <summary>Finished unsuccessfully.</summary>
    Failed,

    /// <summary>Could not run to an end.</summary>
    Error,
}

/// <summary>Argo's mapping between node and workflow phases.</summary>
public static class WorkflowPhases
{
    /// <summary>The workflow phase implied by its entry node's phase (Argo's <c>operate</c>).</summary>
    public static WorkflowPhase FromEntryNode(NodePhase phase) => phase switch
    {
        NodePhase.Pending => WorkflowPhase.Pending,
        NodePhase.Running => WorkflowPhase.Running,
        NodePhase.Failed => WorkflowPhase.Failed,
        NodePhase.Error => WorkflowPhase.Error,
        _ => WorkflowPhase.Succeeded,
    };

    /// <summary>True once the workflow has ended.</summary>
    public static bool IsFinished(this WorkflowPhase phase) => phase is WorkflowPhase.Succeeded or WorkflowPhase.Failed or WorkflowPhase.Error;
}
