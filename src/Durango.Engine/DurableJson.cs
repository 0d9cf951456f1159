using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Durango.Core.Resolution;
using Durango.Core.Spec;
using Durango.Engine.Activities;
using Durango.Engine.Cron;
using Durango.Engine.Locks;
using Durango.Engine.Orchestration;
using Durango.Engine.Stores;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Durango.Engine;

/// <summary>
/// The JSON of the engine's durable payloads (orchestration and activity inputs and outputs, custom statuses, events,
/// the stored spec): the SDK's <see cref="JsonDataConverter"/> with its default settings (fields included), whose
/// metadata for the engine's types is generated at build time instead of built by reflection on first use.
/// </summary>
/// <remarks>
/// The JSON is the same as <see cref="JsonDataConverter.Default"/> writes (a test compares them), so hosts that use either
/// read each other's histories. A type not listed in <see cref="DurableJsonContext"/> falls back to reflection. Measured
/// for issue 12: building that metadata by reflection was the largest single cost of a one-step <c>durango run</c>.
/// </remarks>
public static class DurableJson
{
    /// <summary>The options: the SDK's defaults, with the generated metadata first and reflection for the rest.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        IncludeFields = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(DurableJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>The converter for the durable worker, the client and the engine's own serialization.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(Options);
}

/// <summary>The engine's durable payload types, whose serialization metadata is generated at build time.</summary>
[JsonSourceGenerationOptions(IncludeFields = true, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(WorkflowRunInput))]
[JsonSerializable(typeof(WorkflowRunOutput))]
[JsonSerializable(typeof(WorkflowSummary))]
[JsonSerializable(typeof(ResolvedWorkflow))]
[JsonSerializable(typeof(Template))]
[JsonSerializable(typeof(TemplateRunInput))]
[JsonSerializable(typeof(NodeResult))]
[JsonSerializable(typeof(LoopBatchInput))]
[JsonSerializable(typeof(LoopBatchResult))]
[JsonSerializable(typeof(ControlSignal))]
[JsonSerializable(typeof(LeafRunInput))]
[JsonSerializable(typeof(LeafRunResult))]
[JsonSerializable(typeof(RecordNodesInput))]
[JsonSerializable(typeof(StoreWorkflowInput))]
[JsonSerializable(typeof(CollectArtifactsInput))]
[JsonSerializable(typeof(MemoLoadInput))]
[JsonSerializable(typeof(MemoSaveInput))]
[JsonSerializable(typeof(MemoEntry))]
[JsonSerializable(typeof(AwaitDaemonInput))]
[JsonSerializable(typeof(DaemonState))]
[JsonSerializable(typeof(CronRunInput))]
[JsonSerializable(typeof(CronTick))]
[JsonSerializable(typeof(CronTickResult))]
[JsonSerializable(typeof(CronSignal))]
[JsonSerializable(typeof(CronStatusSummary))]
[JsonSerializable(typeof(LockState))]
[JsonSerializable(typeof(LockOpenInput))]
[JsonSerializable(typeof(LockOpenResult))]
[JsonSerializable(typeof(LockRequest))]
[JsonSerializable(typeof(LockReply))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class DurableJsonContext : JsonSerializerContext;
