using Durango.Engine.Model;

namespace Durango.Engine.Tests.Model;

public sealed class NodeIdsTests
{
    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv32a_KnownVectors_MatchGo(string text, uint expected) => Assert.Equal(expected, NodeIds.Fnv32a(text));

    [Fact]
    public void NodeId_RootIsTheWorkflowName_OthersHashTheNodeName()
    {
        Assert.Equal("wf", NodeIds.NodeId("wf", "wf"));
        Assert.Equal($"wf-{NodeIds.Fnv32a("wf[0].a")}", NodeIds.NodeId("wf", "wf[0].a"));
    }

    [Fact]
    public void PodName_RootIsTheWorkflowName_OthersIncludeTheTemplate()
    {
        Assert.Equal("wf", NodeIds.PodName("wf", "wf", "main"));
        Assert.Equal($"wf-echo-{NodeIds.Fnv32a("wf[0].a")}", NodeIds.PodName("wf", "wf[0].a", "echo"));
    }
}
