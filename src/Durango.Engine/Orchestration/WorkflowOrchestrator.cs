using Durango.Core.Spec;
using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Semantics;
using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// The root orchestration of a workflow: fires the workflow-level hooks, runs the entrypoint, and runs the exit
/// handler from a <c>finally</c> block, so that it runs however the workflow ends — except on Durable terminate,
/// which is Argo's <c>terminate</c> and skips it, as in Argo. Stop and deadlines are signals raced with the work.
/// </summary>
/// <remarks>Deterministic: it reads time and events only through the context.</remarks>
/// <param name="options">Durango's settings: the root reads <see cref="DurangoOptions.Limits"/> and hands them to the whole tree.</param>
/// <param name="specs">Where the root stores the workflow once for the other orchestrations to get by key.</param>
public sealed class WorkflowOrchestrator(DurangoOptions options, WorkflowSpecs specs) : TaskOrchestrator<WorkflowRunInput, WorkflowRunOutput>
{
    /// <inheritdoc/>
    public override async Task<WorkflowRunOutput> RunAsync(TaskOrchestrationContext context, WorkflowRunInput input)
    {
        var workflow = input.Workflow;
        var globals = Globals.For(workflow);
        globals["workflow.status"] = nameof(WorkflowPhase.Running);
        var (reference, json) = specs.Publish(workflow, input.Run);
        var run = new OrchestrationRun(context, workflow, reference, context.InstanceId, globals, limits: input.Limits ?? options.Limits) { Reuse = input.Reuse };
        var started = run.Now;
        var locks = new WorkflowLocks(run);
        run.Control.Changed = () => context.SetCustomStatus(locks.Summary(started, run.Control.IsSuspended));
        run.Control.Changed();
        run.Control.Listen();
        await run.StoreWorkflowAsync(json);
        if (await locks.AcquireAsync() is { } notHeld)
        {
            // Never started (stopped while waiting, or a semaphore without a limit): no node ran, no exit handler.
            var failed = notHeld.Stopped ? WorkflowPhase.Failed : WorkflowPhase.Error;
            context.SetCustomStatus(new WorkflowSummary(failed, notHeld.Failure, started, run.Now, false));
            return new WorkflowRunOutput(failed, notHeld.Failure, started, run.Now, run.PublishedGlobals);
        }

        if (workflow.Synchronization is not null)
        {
            // Running now. Argo's startedAt, workflow.duration and activeDeadlineSeconds count from here, after the locks
            // are held (upstream sets startedAt when the phase leaves Pending).
            started = run.Now;
            run.Control.Changed();
        }

        run.WorkflowStartedAt = started;

        run.LimitDeadline(Deadlines.Workflow(workflow.ActiveDeadlineSeconds, started));
        run.DeadlineWatch.Start();

        var hooks = new HookExecution(run);
        var fired = new FiredHooks(run, hooks, workflow.Name);
        var failures = new List<FailedNode>();
        NodeResult? entry = null;
        NodeResult? exit = null;
        try
        {
            FireHooks(run, fired);
            // As in Argo, the entrypoint's inputs are bound from the workflow's arguments.
            entry = await new NodeExecutor(run).ExecuteAsync(new NodeCall(workflow.Name, workflow.Entrypoint, null), WorkflowArguments(workflow, run.Globals));
            failures.AddRange(entry.Failures);
            Globals.SetOutcome(run.Globals, WorkflowPhases.FromEntryNode(entry.Phase), failures, run.Now - started);
            FireHooks(run, fired);
            failures.AddRange(await fired.WhenAllAsync());
        }
        finally
        {
            run.DeadlineWatch.End();
            if (workflow.ExitHandler is { } exitTemplate && !run.Control.IsTerminated)
            {
                var outcome = new Dictionary<string, string>(run.Globals, StringComparer.Ordinal);
                Globals.SetOutcome(outcome, WorkflowPhases.FromEntryNode(entry?.Phase ?? NodePhase.Error), failures, run.Now - started);
                var arguments = workflow.ExitHandlerArguments.Parameters.Count > 0
                    ? workflow.ExitHandlerArguments
                    : new Arguments { Parameters = workflow.Parameters };
                var handler = new DueHook(LifecycleHook.ExitHookName, HookRules.ExitNodeName(workflow.Name),
                    new LifecycleHook { Template = exitTemplate, Arguments = arguments });
                exit = await hooks.RunHookAsync(handler, outcome, boundaryName: null, hearsStop: false, globals: outcome);
            }
        }

        locks.Release();

        var stopped = Deadlines.WorkflowStop(run.Control.StopMessage, run.Deadline, run.Now);
        var (phase, message) = WorkflowOutcome.Decide(entry.Phase, entry.Message, exit?.Phase, exit?.Message, stopped);
        await run.FlushAndWaitAsync();
        await CollectArtifactsAsync(context, workflow);
        var finished = run.Now;
        context.SetCustomStatus(new WorkflowSummary(phase, message, started, finished, false));
        return new WorkflowRunOutput(phase, message, started, finished, run.PublishedGlobals);
    }

    /// <summary>
    /// The entrypoint's arguments: the workflow's parameters, and its artifacts with the globals substituted in their
    /// locations (upstream substitutes <c>{{workflow.parameters.x}}</c> throughout the spec before it runs).
    /// </summary>
    private static Dictionary<string, string> WorkflowArguments(Durango.Core.Resolution.ResolvedWorkflow workflow, IReadOnlyDictionary<string, string> globals)
    {
        var arguments = workflow.Parameters.Where(p => p.Value is not null).ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal);
        ArtifactRules.AddArguments(arguments, workflow.Artifacts, globals, evaluator: null);
        return arguments;
    }

    /// <summary>Argo's artifact GC at completion; a failure leaves the artifacts, never changes the workflow's outcome.</summary>
    private static async Task CollectArtifactsAsync(TaskOrchestrationContext context, Durango.Core.Resolution.ResolvedWorkflow workflow)
    {
        if (!ArtifactGarbage.Any(workflow))
        {
            return;
        }

        try
        {
            await context.CallActivityAsync<int>(DurangoTasks.CollectArtifacts, new CollectArtifactsInput(workflow.Name, workflow.ArtifactGC, ArtifactGC.OnWorkflowCompletion));
        }
        catch (TaskFailedException)
        {
            // As in Argo, artifacts that could not be deleted stay; the workflow's phase is already decided.
        }
    }

    /// <summary>Fires the workflow-level hooks (other than exit) whose expression holds now and that have not fired.</summary>
    private static void FireHooks(OrchestrationRun run, FiredHooks fired)
    {
        if (run.Control.IsStopped)
        {
            return;
        }

        foreach (var hook in HookRules.Due(run.Workflow.Name, run.Workflow.Hooks, run.Globals, fired.Names, run.Evaluator))
        {
            var globals = new Dictionary<string, string>(run.Globals, StringComparer.Ordinal);
            fired.Fire(hook, globals, boundaryName: null, hearsStop: true, globals: globals);
        }
    }
}
