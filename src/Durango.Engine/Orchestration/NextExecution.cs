using Microsoft.DurableTask;

namespace Durango.Engine.Orchestration;

/// <summary>
/// Hands an event to an orchestration's next execution. Microsoft.DurableTask gives an event to a wait still pending
/// before it keeps events for the execution that follows <c>ContinueAsNew</c>, so an event heard after it would be
/// lost; sent to the orchestration itself, it arrives in the next execution's history.
/// </summary>
internal static class NextExecution
{
    /// <summary>Sends <paramref name="payload"/> as <paramref name="eventName"/> to the orchestration's own instance.</summary>
    public static void PassOn<T>(TaskOrchestrationContext context, string eventName, T payload)
        where T : notnull =>
        context.SendEvent(context.InstanceId, eventName, payload);
}
