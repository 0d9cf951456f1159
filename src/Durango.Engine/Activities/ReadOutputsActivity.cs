using Microsoft.DurableTask;

namespace Durango.Engine.Activities;

/// <summary>
/// Reads large output values into an orchestration, for the few places that must look at a value rather than pass
/// it on: a <c>when</c>, a <c>withParam</c>, an expression. The result is keyed by token.
/// </summary>
public sealed class ReadOutputsActivity(OutputValues outputs) : TaskActivity<IReadOnlyList<string>, Dictionary<string, string>>
{
    /// <inheritdoc/>
    public override Task<Dictionary<string, string>> RunAsync(TaskActivityContext context, IReadOnlyList<string> input) => outputs.ReadAsync(input);
}
