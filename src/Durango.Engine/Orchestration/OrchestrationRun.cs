using Durango.Core.Expressions;
using Durango.Core.Resolution;
using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// The runtime of one orchestration execution: its durable context, the workflow, the variables it sees, the node
/// records it has not yet written and the control signals it has heard. Every durable call of the engine goes
/// through here, so that records are carried and children hear stop and suspend.
/// </summary>
/// <remarks>
/// Orchestration code awaits only durable tasks (and task completion sources it completes itself). In particular
/// timers are cancelled with <see cref="CancellationTokenSource.Cancel()"/>: <c>CancelAsync</c> completes on the
/// thread pool, which would resume the orchestration outside its episode.
/// </remarks>
internal sealed class OrchestrationRun
{
    /// <summary>Store activities get a few retries (<see cref="StoreActivityOptions"/>); the leaf activity gets none.</summary>
    private static readonly TaskOptions ActivityOptions = StoreActivityOptions.Retrying;

    public OrchestrationRun(
        TaskOrchestrationContext context, ResolvedWorkflow workflow, WorkflowRef workflowRef, string rootInstanceId, IReadOnlyDictionary<string, string> globals,
        bool stoppable = true, DateTimeOffset? deadline = null, WorkflowLimits? limits = null, int depth = 0)
    {
        Limits = limits ?? new WorkflowLimits();
        Depth = depth;
        Stoppable = stoppable;
        Deadline = deadline;
        Context = context;
        Workflow = workflow;
        WorkflowRef = workflowRef;
        RootInstanceId = rootInstanceId;
        Globals = new Dictionary<string, string>(globals, StringComparer.Ordinal);
        Control = new ControlChannel(context);
        DeadlineWatch = new DeadlineWatch(this);
    }

    public TaskOrchestrationContext Context { get; }

    public ResolvedWorkflow Workflow { get; }

    /// <summary>The key <see cref="Workflow"/> is stored under: what children get instead of the spec.</summary>
    public WorkflowRef WorkflowRef { get; private set; }

    public string RootInstanceId { get; }

    /// <summary>The <c>workflow.*</c> variables; global outputs of finished nodes are added as they arrive.</summary>
    public Dictionary<string, string> Globals { get; }

    /// <summary>Global outputs published in this orchestration or by its children, returned to the parent.</summary>
    public Dictionary<string, string> PublishedGlobals { get; } = new(StringComparer.Ordinal);

    public NodeJournal Journal { get; } = new();

    /// <summary>Daemons started here and still running: killed when this orchestration's steps or DAG node ends.</summary>
    public List<RunningDaemon> Daemons { get; } = [];

    public ControlChannel Control { get; }

    /// <summary>The timer that stops this orchestration at <see cref="Deadline"/>, once started.</summary>
    public DeadlineWatch DeadlineWatch { get; }

    /// <summary>False in exit handlers: their leaves are not cancelled by Argo's stop.</summary>
    public bool Stoppable { get; }

    /// <summary>
    /// When the nearest deadline (the workflow's, or an enclosing template's) passes. Leaves get it too and stop
    /// themselves then: an activity the orchestration stopped waiting for would otherwise keep it open.
    /// </summary>
    public DateTimeOffset? Deadline { get; private set; }

    private readonly List<(Task Write, IReadOnlyList<NodeStatus> Records)> _writes = [];

    private IExpressionEvaluator? _evaluator;

    /// <summary>The caps of this workflow, the same in every orchestration of it.</summary>
    public WorkflowLimits Limits { get; }

    /// <summary>How deeply this orchestration's template is nested: 0 for the root, 1 for the entrypoint's.</summary>
    public int Depth { get; }

    /// <summary>The evaluator of this workflow's expressions, with its <see cref="WorkflowLimits.Expressions"/>.</summary>
    public IExpressionEvaluator Evaluator => _evaluator ??= Limits.Expressions == ExpressionLimits.Default
        ? NCalcExpressionEvaluator.Instance
        : new NCalcExpressionEvaluator(Limits.Expressions);

    /// <summary>
    /// The input a call of this orchestration sends: <paramref name="input"/>, or none while the orchestration
    /// replays. A replayed call only finds the task its history already holds, whose input went out when it was first
    /// made; DTFx serializes a replayed call's input all the same and drops it, and in a chain that was a large part
    /// of each step's CPU (issue 12: every turn replays the execution's earlier steps, each with its leaf's template
    /// and records). What the orchestration itself keeps (its journal) is taken as before either way.
    /// </summary>
    private T? Sent<T>(T input) where T : class => Context.IsReplaying ? null : input;

    /// <summary>For Argo's retry: succeeded leaf nodes of the previous run, by name; they are not run again.</summary>
    public IReadOnlyDictionary<string, NodeStatus>? Reuse { get; init; }

    /// <summary>For the DAG at the top of this orchestration, when it continued as new: where it left off.</summary>
    public DagProgress? DagProgress { get; init; }

    /// <summary>When the workflow started running (Argo's <c>status.startedAt</c>, after its locks): <c>workflow.duration</c> counts from here.</summary>
    public DateTimeOffset? WorkflowStartedAt { get; set; }

    public DateTimeOffset Now => new(Context.CurrentUtcDateTime, TimeSpan.Zero);

    public string NodeId(string nodeName) => NodeIds.NodeId(Workflow.Name, nodeName);

    /// <summary>The instance id of the orchestration that runs node <paramref name="nodeName"/>: under the root's, so a prefix query finds them all.</summary>
    public string ChildInstanceId(string nodeName) => NodeIds.InstanceId(RootInstanceId, nodeName);

    /// <summary>
    /// Runs a leaf activity, carrying the pending records. It checks the node cap, except under an exit handler, which
    /// must still be able to report a workflow that hit it.
    /// </summary>
    public Task<LeafRunResult> CallLeafAsync(LeafRunInput input) =>
        Context.CallActivityAsync<LeafRunResult>(
            DurangoTasks.RunLeaf, Sent(input with { Pending = Journal.TakeAll(), MaxNodes = input.Stoppable ? Limits.MaxNodes : null }));

    /// <summary>
    /// Stores the workflow (serialized as <paramref name="json"/>) under <see cref="WorkflowRef"/>, before any child
    /// needs it. When the store stays down, children get the spec inline instead: the workflow runs all the same.
    /// </summary>
    public async Task StoreWorkflowAsync(string json)
    {
        try
        {
            await Context.CallActivityAsync<bool>(DurangoTasks.StoreWorkflow, new StoreWorkflowInput(Workflow.Name, WorkflowRef.Key, json), ActivityOptions);
        }
        catch (TaskFailedException)
        {
            WorkflowRef = WorkflowRef with { Inline = Workflow };
        }
    }

    /// <summary>
    /// Fails the whole workflow with <paramref name="message"/> (a <see cref="WorkflowLimits"/> breach): a stop with
    /// that message, sent to the root so that every orchestration of the workflow hears it. Exit handlers still run.
    /// </summary>
    public void Abort(string message)
    {
        if (Context.InstanceId != RootInstanceId)
        {
            Context.SendEvent(RootInstanceId, ControlSignal.EventName, new ControlSignal(ControlKind.Stop, message));
        }

        Control.Stop(message);
    }

    /// <summary>
    /// Runs node <paramref name="call"/> as a child orchestration, carrying the pending records. The child hears
    /// this orchestration's stop and suspend signals unless <paramref name="hearsStop"/> is false (exit handlers
    /// run to their end, as in Argo).
    /// </summary>
    public async Task<NodeResult> CallTemplateAsync(NodeCall call, IReadOnlyDictionary<string, string> arguments, IReadOnlyDictionary<string, string> globals, bool hearsStop)
    {
        if (Limits.CheckDepth(Depth + 1) is { } tooDeep)
        {
            // Argo's controller errors the node and fails the workflow; the child is never started.
            var template = Workflow.Template(call.TemplateKey);
            var node = NodeRecords.Settled(this, call, NodeRecords.TypeOf(template.Body), template, NodePhase.Error, tooDeep);
            var settled = NodeRecords.Complete(this, node);
            Abort(tooDeep);
            return settled;
        }

        var instanceId = ChildInstanceId(call.Name);
        var input = Sent(new TemplateRunInput(
            WorkflowRef, RootInstanceId, call, arguments, globals, Journal.TakeAll(), Stoppable && hearsStop, hearsStop ? Deadline : null, Reuse: Reuse,
            Limits: Limits, Depth: Depth + 1, StartedAt: WorkflowStartedAt));
        var task = Context.CallSubOrchestratorAsync<NodeResult>(DurangoTasks.Template, input, new SubOrchestrationOptions(ActivityOptions, instanceId) { Retry = null });
        if (hearsStop)
        {
            Control.Adopt(instanceId);
        }

        NodeResult result;
        try
        {
            result = await task;
        }
        catch (TaskFailedException e)
        {
            // A bug or an infrastructure failure inside the child: the node errors (and is recorded so, whatever the
            // child wrote before it failed), the workflow carries on.
            var template = Workflow.Template(call.TemplateKey);
            result = NodeRecords.Complete(this, NodeRecords.Settled(this, call, NodeRecords.TypeOf(template.Body), template, NodePhase.Error, e.FailureDetails.ErrorMessage));
        }
        finally
        {
            Control.Release(instanceId);
        }

        Journal.RecordAll(result.Pending);
        Publish(result.GlobalOutputs);
        return result with { Pending = [] };
    }

    /// <summary>
    /// Runs <paramref name="items"/> of <paramref name="loop"/> as batch <paramref name="index"/> in a child orchestration
    /// (<see cref="LoopBatches"/>), carrying the pending records; it hears this orchestration's stop and suspend. A batch
    /// that fails as a whole (a bug, an infrastructure failure) errors each of its iterations, recorded.
    /// </summary>
    public async Task<IReadOnlyList<NodeResult>> CallLoopBatchAsync(
        LoopRef loop, int index, IReadOnlyList<LoopItem> items, IReadOnlyDictionary<string, string> scope, int? parallelism)
    {
        var instanceId = ChildInstanceId($"{loop.LoopName}#batch{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var input = Sent(new LoopBatchInput(WorkflowRef, RootInstanceId, loop, items, scope, Globals, Journal.TakeAll(), parallelism, Stoppable, Deadline, Reuse, Limits, Depth, WorkflowStartedAt));
        var task = Context.CallSubOrchestratorAsync<LoopBatchResult>(DurangoTasks.LoopBatch, input, new SubOrchestrationOptions(ActivityOptions, instanceId) { Retry = null });
        Control.Adopt(instanceId);
        try
        {
            var result = await task;
            Publish(result.GlobalOutputs);
            return result.Results;
        }
        catch (TaskFailedException e)
        {
            return items.Select(item => NodeRecords.Complete(this, NodeRecords.Settled(
                this, new NodeCall(item.NodeName(loop.LoopName), string.Empty, loop.BoundaryName), NodeType.Pod, null, NodePhase.Error, e.FailureDetails.ErrorMessage))).ToList();
        }
        finally
        {
            Control.Release(instanceId);
        }
    }

    /// <summary>
    /// <paramref name="scope"/> with the large outputs that <paramref name="mentions"/> name read in, for a rule that
    /// must look at values (a <c>when</c>, a <c>withParam</c>, an expression). Usually there are none and
    /// <paramref name="scope"/> itself comes back; otherwise a copy, so that tokens, not values, travel on.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> WithValuesAsync(IReadOnlyDictionary<string, string> scope, Func<IEnumerable<string?>> mentions)
    {
        if (!scope.Values.Any(OutputReferences.Contains))
        {
            return scope;
        }

        var texts = mentions().OfType<string>().ToList();
        var needed = scope.Where(v => OutputReferences.Contains(v.Value) && texts.Any(t => t.Contains(v.Key, StringComparison.Ordinal))).ToList();
        if (needed.Count == 0)
        {
            return scope;
        }

        var tokens = needed.SelectMany(v => OutputReferences.Find(v.Value)).Select(r => r.Token).Distinct(StringComparer.Ordinal).ToList();
        var values = await Context.CallActivityAsync<Dictionary<string, string>>(DurangoTasks.ReadOutputs, tokens, ActivityOptions);
        var copy = new Dictionary<string, string>(scope, StringComparer.Ordinal);
        foreach (var (key, value) in needed)
        {
            // A value that is gone keeps its token: the rule then sees text it cannot match, as Argo would see an empty output.
            copy[key] = OutputReferences.Expand(value, values).Text ?? value;
        }

        return copy;
    }

    /// <summary>
    /// The caller's <paramref name="arguments"/> bound in <paramref name="scope"/>: plain tags pass large outputs on
    /// as tokens, an expression (<c>{{=...}}</c>) gets the values it reads.
    /// </summary>
    public async Task<Dictionary<string, string>> ArgumentsAsync(Core.Spec.Arguments arguments, IReadOnlyDictionary<string, string> scope) =>
        InputBinder.Arguments(arguments, await WithValuesAsync(scope, () => arguments.Parameters
            .Select(p => p.Value ?? p.Default)
            .Where(t => t is not null && t.Contains("{{=", StringComparison.Ordinal))), Evaluator);

    /// <summary>Tightens the deadline to <paramref name="deadline"/> if that is sooner (<see cref="Deadlines.Sooner"/>).</summary>
    public void LimitDeadline(DateTimeOffset? deadline)
    {
        var sooner = Deadlines.Sooner(deadline, Deadline);
        if (sooner != Deadline)
        {
            Deadline = sooner;
            DeadlineWatch.Moved();
        }
    }

    /// <summary>Makes global outputs visible to later nodes and to the parent.</summary>
    public void Publish(IEnumerable<KeyValuePair<string, string>> globals)
    {
        foreach (var (key, value) in globals)
        {
            Globals[key] = value;
            PublishedGlobals[key] = value;
        }
    }

    /// <summary>Copies the global outputs published so far into <paramref name="scope"/>, for the nodes that start next.</summary>
    public void ShareGlobals(IDictionary<string, string> scope)
    {
        foreach (var (key, value) in PublishedGlobals)
        {
            scope[key] = value;
        }
    }

    /// <summary>
    /// Writes the pending records now (when no activity would carry them soon), without waiting; the write is kept, so
    /// that <see cref="FlushAndWaitAsync"/> can write again what it failed to write.
    /// </summary>
    public void Flush()
    {
        if (Journal.HasPending)
        {
            var records = Journal.TakeAll();
            _writes.Add((Context.CallActivityAsync(DurangoTasks.RecordNodes, Sent(new RecordNodesInput(Workflow.Name, records)), ActivityOptions), records));
        }
    }

    /// <summary>
    /// Writes the pending records and waits until the store has them, trying again after a growing pause (up to a
    /// minute) for as long as it refuses them: for records that are signals to running leaves (a daemon's kill, which
    /// its activity hears through the node store), where a background write that failed would go unheard.
    /// </summary>
    public async Task WriteUntilStoredAsync()
    {
        var input = new RecordNodesInput(Workflow.Name, Journal.TakeAll());
        for (var pause = TimeSpan.FromSeconds(2); ; pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.TicksPerMinute)))
        {
            try
            {
                await Context.CallActivityAsync(DurangoTasks.RecordNodes, input, ActivityOptions);
                return;
            }
            catch (TaskFailedException)
            {
                await Context.CreateTimer(Context.CurrentUtcDateTime + pause, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Waits for the writes <see cref="Flush"/> started, takes back the records of any that failed, and writes what is
    /// pending, waiting until it is written (at the end of the orchestration): no record is dropped on the way.
    /// </summary>
    public async Task FlushAndWaitAsync()
    {
        await SettleWritesAsync();
        if (Journal.HasPending)
        {
            await Context.CallActivityAsync(DurangoTasks.RecordNodes, Sent(new RecordNodesInput(Workflow.Name, Journal.TakeAll())), ActivityOptions);
        }
    }

    /// <summary>
    /// Waits for the writes <see cref="Flush"/> started and takes back the records of any that failed, so that they
    /// are pending again: before continuing as new, which would otherwise drop them.
    /// </summary>
    public async Task SettleWritesAsync()
    {
        foreach (var (write, records) in _writes)
        {
            try
            {
                await write;
            }
            catch (TaskFailedException)
            {
                Journal.RecordAll(records);
            }
        }

        _writes.Clear();
    }
}
