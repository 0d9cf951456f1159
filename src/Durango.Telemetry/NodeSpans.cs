using System.Collections.Concurrent;
using System.Diagnostics;
using Durango.Engine.Model;
using static Durango.Telemetry.DurangoTelemetry;

namespace Durango.Telemetry;

/// <summary>
/// Turns node records into spans: a span per workflow (its root node, whose id is the workflow's name) and a span per
/// node under the steps or DAG node it belongs to (<see cref="ArgoNode.BoundaryId"/>), from the record's
/// <c>startedAt</c> to its <c>finishedAt</c>, with its phase, and the message recorded as an exception when it failed.
/// A span opens when a node's first started record arrives and closes with its finished one; a node first seen
/// finished (it started in another process, or was skipped) gets a span with its recorded times. Each new span links to
/// the span current when the record was written: Durable's activity span, when Durable's tracing is on. The same
/// records feed <see cref="NodeMetrics"/>, once per start and once per end.
/// </summary>
internal sealed class NodeSpans
{
    private readonly ConcurrentDictionary<(string Workflow, string Node), Activity?> _open = new();
    private readonly NodeMetrics _metrics = new();
    private readonly ConcurrentDictionary<(string Workflow, string Node), byte> _closed = new();

    /// <summary>Whether a tracer or a meter listens; when not, nothing is observed.</summary>
    public bool Listening => Source.HasListeners() || _metrics.Enabled;

    /// <summary>Observes <paramref name="nodes"/> of <paramref name="workflow"/>; <paramref name="identity"/> tags the workflow span.</summary>
    public void Observe(string workflow, IReadOnlyList<NodeStatus> nodes, WorkflowIdentity? identity)
    {
        var durable = Activity.Current;
        foreach (var node in nodes.OrderBy(n => n.Id == workflow ? 0 : 1))
        {
            var key = (workflow, node.Id);
            if (_closed.ContainsKey(key) || (node.StartedAt is null && !node.Phase.Fulfilled()))
            {
                continue;
            }

            var firstSeen = !_open.TryGetValue(key, out var span);
            if (firstSeen)
            {
                span = Start(workflow, node, identity, durable);
                _open[key] = span;
            }

            _metrics.Observe(workflow, node, identity, firstSeen);
            if (node.Phase.Fulfilled())
            {
                if (span is not null)
                {
                    Finish(span, node);
                }

                _open.TryRemove(key, out _);
                _closed[key] = 0;
                if (node.Id == workflow)
                {
                    Forget(workflow);
                }
            }
        }
    }

    private Activity? Start(string workflow, NodeStatus node, WorkflowIdentity? identity, Activity? durable)
    {
        var isRoot = node.Id == workflow;
        var parent = isRoot ? null : Parent(workflow, node);
        var links = durable is null ? null : new[] { new ActivityLink(durable.Context) };
        var current = Activity.Current;
        Activity.Current = null;
        try
        {
            var span = Source.CreateActivity(isRoot ? "workflow" : $"node {node.TemplateName ?? node.Type.ToString()}", ActivityKind.Internal,
                parent?.Context ?? default, links: links);
            if (span is null)
            {
                return null;
            }

            span.SetStartTime((node.StartedAt ?? node.FinishedAt ?? DateTimeOffset.UtcNow).UtcDateTime);
            span.SetTag(Keys.WorkflowName, workflow);
            if (identity is not null)
            {
                span.SetTag(Keys.WorkflowNamespace, identity.Namespace);
                span.SetTag(Keys.WorkflowUid, identity.Uid);
            }

            span.SetTag(Keys.NodeId, node.Id);
            span.SetTag(Keys.NodeName, node.Name);
            span.SetTag(Keys.NodeType, node.Type.ToString());
            span.SetTag(Keys.Template, node.TemplateName);
            span.Start();
            return span;
        }
        finally
        {
            Activity.Current = current;
        }
    }

    private Activity? Parent(string workflow, NodeStatus node) =>
        node.BoundaryId is { } boundary && _open.TryGetValue((workflow, boundary), out var group) && group is not null ? group
        : _open.GetValueOrDefault((workflow, workflow));

    private static void Finish(Activity span, NodeStatus node)
    {
        span.SetTag(Keys.Phase, node.Phase.ToString());
        if (node.Phase is NodePhase.Failed or NodePhase.Error)
        {
            span.SetStatus(ActivityStatusCode.Error, node.Message);
            span.AddException(new NodeFailedException(node.Message ?? node.Phase.ToString()));
        }
        else
        {
            span.SetStatus(ActivityStatusCode.Ok);
        }

        if (node.FinishedAt is { } finished && finished.UtcDateTime >= span.StartTimeUtc)
        {
            span.SetEndTime(finished.UtcDateTime);
        }

        span.Stop();
    }

    /// <summary>The workflow ended: spans still open (a node the root outlived) close now, and its keys go.</summary>
    private void Forget(string workflow)
    {
        foreach (var key in _open.Keys.Where(k => k.Workflow == workflow))
        {
            if (_open.TryRemove(key, out var span))
            {
                span?.Stop();
            }
        }

        foreach (var key in _closed.Keys.Where(k => k.Workflow == workflow))
        {
            _closed.TryRemove(key, out _);
        }
    }
}

/// <summary>A failed or errored node, as the exception recorded on its span.</summary>
public sealed class NodeFailedException(string message) : Exception(message);
