using Durango.Core.Spec;
using Durango.Engine.Model;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

public sealed class OutputReferencesTests
{
    [Fact]
    public void Offload_KeepsValuesUpToTheLimit_InUtf8Bytes_AndReplacesLargerOnes()
    {
        var outputs = new NodeOutputs
        {
            Result = new string('é', 6), // 12 bytes in UTF-8
            ExitCode = "0",
            Parameters = [new ParameterValue("small", "12345678"), new ParameterValue("big", new string('x', 11))],
        };

        var (offloaded, stored) = OutputReferences.Offload("wf", "wf-1", outputs, inlineBytes: 10);

        Assert.Equal("[durango-output:wf/wf-1/result]", offloaded.Result);
        Assert.Equal("12345678", offloaded.Parameter("small"));
        Assert.Equal("[durango-output:wf/wf-1/parameters.big]", offloaded.Parameter("big"));
        Assert.Equal("0", offloaded.ExitCode);
        Assert.Equal([("wf-1/result", new string('é', 6)), ("wf-1/parameters.big", new string('x', 11))], stored.Select(s => (s.Reference.Key, s.Value)));
    }

    [Fact]
    public void Offload_NothingLarge_ReturnsTheSameOutputs()
    {
        var outputs = new NodeOutputs { Result = "ok" };

        var (offloaded, stored) = OutputReferences.Offload("wf", "wf-1", outputs, 4096);

        Assert.Same(outputs, offloaded);
        Assert.Empty(stored);
    }

    [Fact]
    public void FindAndExpand_TokensInsideOtherText_AreReplaced_WithEncoding()
    {
        var token = OutputReferences.For("my-wf", "my-wf-123", "result").Token;
        var text = $"echo \"{token}\" && echo {token}x";

        Assert.Equal([new OutputReference("my-wf", "my-wf-123/result")], OutputReferences.Find(text));
        var (expanded, error) = OutputReferences.Expand(text, new Dictionary<string, string> { [token] = "a\"b" }, v => v.Replace("\"", "\\\"", StringComparison.Ordinal));
        Assert.Null(error);
        Assert.Equal("echo \"a\\\"b\" && echo a\\\"bx", expanded);
    }

    [Fact]
    public void Expand_ValueGone_IsAnErrorNamingTheToken()
    {
        var token = OutputReferences.For("wf", "wf-1", "result").Token;

        var (expanded, error) = OutputReferences.Expand("x" + token, new Dictionary<string, string>());

        Assert.Null(expanded);
        Assert.Contains(token, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_PlainText_IsFalse()
    {
        Assert.False(OutputReferences.Contains("[durango-outputs:x]"));
        Assert.False(OutputReferences.Contains(null));
        Assert.Empty(OutputReferences.Find("no tokens [here]"));
    }

    [Fact]
    public void MayReach_ATokenInTheScopeTheInputArtifactsOrTheOwnText_IsTrue_ElseFalse()
    {
        var token = OutputReferences.For("wf", "wf-1", "result").Token;
        Dictionary<string, string> plain = new(StringComparer.Ordinal) { ["inputs.parameters.p"] = "short", ["workflow.name"] = "wf" };
        Dictionary<string, string> carrying = new(plain, StringComparer.Ordinal) { ["steps.a.outputs.result"] = $"x{token}y" };
        Artifact[] artifacts = [new Artifact { Name = "a", Raw = new RawArtifact("text") }];

        Assert.False(OutputReferences.MayReach(plain, null, () => false));
        Assert.False(OutputReferences.MayReach(plain, [], () => false));
        Assert.True(OutputReferences.MayReach(carrying, null, () => throw new InvalidOperationException("asked although the scope answers")));
        Assert.True(OutputReferences.MayReach(plain, artifacts, () => throw new InvalidOperationException("asked although the artifacts answer")));
        Assert.True(OutputReferences.MayReach(plain, null, () => true));
    }
}
