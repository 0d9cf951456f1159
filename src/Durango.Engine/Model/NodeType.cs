using System.Text.Json.Serialization;

namespace Durango.Engine.Model;

/// <summary>The type of a node, as Argo names it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeType>))]
public enum NodeType
{
    /// <summary>A container or script: one process, container or container group.</summary>
    Pod,

    /// <summary>A steps template.</summary>
    Steps,

    /// <summary>One group of parallel steps.</summary>
    StepGroup,

    /// <summary>A DAG template.</summary>
    [JsonStringEnumMemberName("DAG")]
    Dag,

    /// <summary>A looped DAG task: the parent of its iterations.</summary>
    TaskGroup,

    /// <summary>A node with a retry strategy: the parent of its attempts.</summary>
    Retry,

    /// <summary>A step or task whose <c>when</c> was false, or whose <c>depends</c> was false.</summary>
    Skipped,

    /// <summary>A suspend template.</summary>
    Suspend,

    /// <summary>An HTTP template.</summary>
    [JsonStringEnumMemberName("HTTP")]
    Http,

    /// <summary>An executor plugin template, such as e-mail.</summary>
    Plugin,

    /// <summary>One container of a <c>containerSet</c> pod: a child of the pod's node.</summary>
    Container,
}

/// <summary>What Argo's rules say about node types.</summary>
public static class NodeTypes
{
    /// <summary>
    /// True for nodes that do work themselves (a pod, an HTTP request, a plugin call): the nodes that have logs and that Argo's
    /// retry keeps when they succeeded.
    /// </summary>
    public static bool IsLeaf(this NodeType type) => type is NodeType.Pod or NodeType.Http or NodeType.Plugin;

    /// <summary>
    /// True for the nodes whose own progress the workflow's progress sums (upstream's <c>executable</c> in
    /// workflow/progress/updater.go): the leaves, a containerSet's containers and suspend nodes.
    /// </summary>
    public static bool CountsInProgress(this NodeType type) => type.IsLeaf() || type is NodeType.Container or NodeType.Suspend;
}
