using Durango.Engine.Orchestration;
using Microsoft.DurableTask.Client;

namespace Durango.Api.Workflows;

/// <summary>
/// The input a workflow's root orchestration was started with, read from its instance. Every read of it goes through
/// here, because one backend can answer without it: on the Azure Storage provider, a Pending instance whose input is
/// too large for a table property (60 KB of UTF-16, about 30,000 characters) yet small enough for a queue message (45
/// KB) reads back empty until the orchestration starts. The provider keeps that input in a blob named in a column that
/// its status read does not follow (DurableTask.AzureStorage, <c>AzureTableTrackingStore.SetNewExecutionAsync</c>);
/// once the orchestration runs, the instance row points at the blob and the input reads back whole.
/// </summary>
internal static class WorkflowInputs
{
    /// <summary>
    /// The root's input, or null while the instance carries none that can be read (the gap above; or metadata read
    /// without inputs).
    /// </summary>
    public static WorkflowRunInput? Read(OrchestrationMetadata metadata) =>
        string.IsNullOrEmpty(metadata.SerializedInput) ? null : metadata.ReadInputAs<WorkflowRunInput>();
}
