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

    // Upstream's Workflow.NodeID (pkg/apis/workflow/v1alpha1/workflow_types.go) hashes the node name to 32 bits, so in
    // a workflow of many thousands of nodes two can share an id: in Argo and in Durango one record then stands for
    // both. Among the 20,001 nodes of a 10,000-step chain it happens for about one workflow name in 25; this is one.
    [Fact]
    public void NodeId_TwoNodesOfALongChain_CanShareAnId() =>
        Assert.Equal(NodeIds.NodeId("chain-m89oz", "chain-m89oz[3149]"), NodeIds.NodeId("chain-m89oz", "chain-m89oz[7840].s7840"));

    // The orchestrations that run nodes are not named by node id: two children sharing an instance id would leave one
    // waiting for ever.
    [Fact]
    public void InstanceId_TwoNodesThatShareANodeId_GetTwoInstances() =>
        Assert.NotEqual(NodeIds.InstanceId("chain-m89oz", "chain-m89oz[3149]"), NodeIds.InstanceId("chain-m89oz", "chain-m89oz[7840].s7840"));

    // The published FNV-1a 64 test vectors.
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void Fnv64a_KnownVectors(string text, ulong expected) => Assert.Equal(expected, NodeIds.Fnv64a(text));
}
