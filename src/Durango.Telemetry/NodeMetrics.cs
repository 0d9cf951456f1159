using System.Diagnostics;
using System.Diagnostics.Metrics;
using Durango.Engine.Model;
using static Durango.Telemetry.DurangoTelemetry;

namespace Durango.Telemetry;

/// <summary>
/// Metrics from the same node records: <c>durango.workflows</c> (finished workflows by phase),
/// <c>durango.workflows.started</c>, <c>durango.node.duration</c> (seconds, by template, type and phase) and
/// <c>durango.workflow.wait</c> (seconds from submission to the root node's start).
/// </summary>
internal sealed class NodeMetrics
{
    private readonly Counter<long> _finished = DurangoTelemetry.Meter.CreateCounter<long>("durango.workflows", "{workflow}", "Workflows that ended, by phase");
    private readonly Counter<long> _started = DurangoTelemetry.Meter.CreateCounter<long>("durango.workflows.started", "{workflow}", "Workflows that started");
    private readonly Histogram<double> _duration = DurangoTelemetry.Meter.CreateHistogram<double>("durango.node.duration", "s", "How long nodes ran, by template, type and phase");
    private readonly Histogram<double> _wait = DurangoTelemetry.Meter.CreateHistogram<double>("durango.workflow.wait", "s", "Time from submission to the workflow's start");

    /// <summary>Whether any of the instruments is listened to.</summary>
    public bool Enabled => _finished.Enabled || _started.Enabled || _duration.Enabled || _wait.Enabled;

    /// <summary>Records what <paramref name="node"/> of <paramref name="workflow"/> tells: a start, an end.</summary>
    public void Observe(string workflow, NodeStatus node, WorkflowIdentity? identity, bool firstSeen)
    {
        var isRoot = node.Id == workflow;
        if (isRoot && firstSeen && node.StartedAt is { } started)
        {
            _started.Add(1);
            if (identity is not null)
            {
                _wait.Record(Math.Max(0, (started - identity.Created).TotalSeconds));
            }
        }

        if (!node.Phase.Fulfilled())
        {
            return;
        }

        var phase = new KeyValuePair<string, object?>(Keys.Phase, node.Phase.ToString());
        if (isRoot)
        {
            _finished.Add(1, phase);
        }
        else if (node.StartedAt is { } start && node.FinishedAt is { } end)
        {
            var tags = new TagList { phase, { Keys.Template, node.TemplateName }, { Keys.NodeType, node.Type.ToString() } };
            _duration.Record(Math.Max(0, (end - start).TotalSeconds), tags);
        }
    }
}
