using Durango.Core.Spec;
using Durango.Engine.Activities;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Activities;

/// <summary>
/// The leaf activity swaps output tokens for their stored values only when the orchestration says its template may
/// hold one (<see cref="LeafRunInput.Tokens"/>, from <see cref="OutputReferences.MayReach"/>); an input sent before
/// that flag existed is searched as before.
/// </summary>
public sealed class RunLeafTokensTests
{
    private static readonly OutputReference Stored = OutputReferences.For("wf", "wf-0", "result");

    [Fact]
    public async Task RunAsync_MayHoldTokens_RunsWithTheStoredValue()
    {
        using var leaf = await WithStoredValueAsync();

        var result = await leaf.RunAsync(Input(tokens: true));

        Assert.Equal("the stored value", result.Outputs.Result);
    }

    [Fact]
    public async Task RunAsync_CannotHoldTokens_DoesNotLookForThem()
    {
        using var leaf = await WithStoredValueAsync();

        var result = await leaf.RunAsync(Input(tokens: false));

        Assert.Equal(Stored.Token, result.Outputs.Result);
    }

    [Fact]
    public void Input_SentBeforeTheFlag_ReadsAsMayHoldTokens()
    {
        var json = DurablePayloads.Converter.Serialize(Input(tokens: false))!;
        var before = json.Replace(",\"Tokens\":false", string.Empty, StringComparison.Ordinal);

        Assert.NotEqual(json, before);
        Assert.True(DurablePayloads.Converter.Deserialize<LeafRunInput>(before)!.Tokens);
    }

    private static async Task<LeafActivityServices> WithStoredValueAsync()
    {
        var leaf = new LeafActivityServices();
        await leaf.Outputs.PutAsync(Stored.Workflow, Stored.Key, "the stored value");
        return leaf;
    }

    private static LeafRunInput Input(bool tokens)
    {
        var template = new Template { Name = "say", Body = new ContainerBody(new ContainerSpec { Image = "alpine", Command = ["printf", "%s", Stored.Token] }) };
        var node = new NodeStatus { Id = "wf-1", Name = "wf", DisplayName = "wf", Type = NodeType.Pod, Phase = NodePhase.Running, StartedAt = DateTimeOffset.UtcNow };
        return new LeafRunInput("wf", "uid", node, "wf-say-1", template, null, [node], Tokens: tokens);
    }
}
