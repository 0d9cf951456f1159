using Durango.Engine.Activities;
using Durango.Engine.Orchestration;

namespace Durango.Engine;

/// <summary>
/// The durable task names and types of the engine. Both hosts (the Functions app and the embedded host) register
/// exactly these, so a workflow runs the same code wherever it runs. Names are valid Azure Functions names.
/// </summary>
public static class DurangoTasks
{
    /// <summary>The root orchestrator of a workflow.</summary>
    public const string Workflow = "DurangoWorkflow";

    /// <summary>The orchestrator of one node: a steps or DAG template, a hook, an exit handler.</summary>
    public const string Template = "DurangoTemplate";

    /// <summary>The orchestrator of a batch of a large loop's iterations.</summary>
    public const string LoopBatch = "DurangoLoopBatch";

    /// <summary>The activity that runs a leaf template (container, script, HTTP, plugin).</summary>
    public const string RunLeaf = "DurangoRunLeaf";

    /// <summary>The activity that writes node records.</summary>
    public const string RecordNodes = "DurangoRecordNodes";

    /// <summary>The activity that reads large output values into an orchestration that must look at them.</summary>
    public const string ReadOutputs = "DurangoReadOutputs";

    /// <summary>The activity that stores a run's resolved workflow once, for its orchestrations to get by key.</summary>
    public const string StoreWorkflow = "DurangoStoreWorkflow";

    /// <summary>The activity that deletes a completed workflow's artifacts whose <c>artifactGC</c> is due.</summary>
    public const string CollectArtifacts = "DurangoCollectArtifacts";

    /// <summary>The activity that reads a memoization cache entry.</summary>
    public const string MemoLoad = "DurangoMemoLoad";

    /// <summary>The activity that saves a memoized node's outputs.</summary>
    public const string MemoSave = "DurangoMemoSave";

    /// <summary>The activity that waits until a daemon is ready.</summary>
    public const string AwaitDaemon = "DurangoAwaitDaemon";

    /// <summary>Orchestrator names and types.</summary>
    public static IReadOnlyList<(string Name, Type Type)> Orchestrators { get; } =
    [
        (Workflow, typeof(WorkflowOrchestrator)),
        (Template, typeof(TemplateOrchestrator)),
        (LoopBatch, typeof(LoopBatchOrchestrator)),
        (Cron.CronTasks.Orchestrator, typeof(Cron.CronOrchestrator)),
        (Locks.LockTasks.Orchestrator, typeof(Locks.LockOrchestrator)),
    ];

    /// <summary>Activity names and types.</summary>
    public static IReadOnlyList<(string Name, Type Type)> Activities { get; } =
    [
        (RunLeaf, typeof(RunLeafActivity)),
        (RecordNodes, typeof(RecordNodesActivity)),
        (ReadOutputs, typeof(ReadOutputsActivity)),
        (StoreWorkflow, typeof(StoreWorkflowActivity)),
        (CollectArtifacts, typeof(CollectArtifactsActivity)),
        (MemoLoad, typeof(MemoLoadActivity)),
        (MemoSave, typeof(MemoSaveActivity)),
        (AwaitDaemon, typeof(AwaitDaemonActivity)),
        (Cron.CronTasks.Tick, typeof(Cron.CronTickActivity)),
        (Locks.LockTasks.Open, typeof(Locks.LockOpenActivity)),
        (Locks.LockTasks.Ended, typeof(Locks.LockEndedActivity)),
    ];
}
