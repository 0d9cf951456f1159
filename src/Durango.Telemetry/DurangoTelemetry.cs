using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Durango.Telemetry;

/// <summary>
/// Durango's own telemetry names: the <see cref="ActivitySource"/> of workflow and node spans and the <see cref="Meter"/>
/// of workflow and node metrics, both named <see cref="Name"/>, with the attribute keys they carry.
/// </summary>
public static class DurangoTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Durango";

    /// <summary>Durable Task's own sources: DTFx (the embedded host's dispatcher) and the SDK (the Functions worker).</summary>
    public static readonly string[] DurableSources = ["DurableTask.Core", "Microsoft.DurableTask"];

    /// <summary>The span source.</summary>
    public static readonly ActivitySource Source = new(Name, typeof(DurangoTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The meter.</summary>
    public static readonly Meter Meter = new(Name, typeof(DurangoTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Attribute keys (OpenTelemetry style: lower case, dotted).</summary>
    public static class Keys
    {
        /// <summary>The workflow's name.</summary>
        public const string WorkflowName = "durango.workflow.name";

        /// <summary>The workflow's namespace.</summary>
        public const string WorkflowNamespace = "durango.workflow.namespace";

        /// <summary>The workflow's uid.</summary>
        public const string WorkflowUid = "durango.workflow.uid";

        /// <summary>The node's id (Argo's <c>status.nodes</c> key).</summary>
        public const string NodeId = "durango.node.id";

        /// <summary>The node's full name (<c>wf[0].step1</c>).</summary>
        public const string NodeName = "durango.node.name";

        /// <summary>The node's type (Pod, Steps, DAG, StepGroup, Retry, Skipped, Suspend).</summary>
        public const string NodeType = "durango.node.type";

        /// <summary>The template the node ran.</summary>
        public const string Template = "durango.node.template";

        /// <summary>The node's (or workflow's) phase.</summary>
        public const string Phase = "durango.phase";
    }
}
