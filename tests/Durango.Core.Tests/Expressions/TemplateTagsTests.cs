using Durango.Core.Expressions;

namespace Durango.Core.Tests.Expressions;

public class TemplateTagsTests
{
    private static readonly Dictionary<string, string> Vars = new()
    {
        ["workflow.name"] = "wf-1",
        ["inputs.parameters.n"] = "4",
    };

    [Fact]
    public void Substitute_KnownTags_AreReplaced()
    {
        var result = TemplateTags.Substitute("name={{workflow.name}} n={{ inputs.parameters.n }}", Vars);

        Assert.True(result.Complete);
        Assert.Equal("name=wf-1 n=4", result.Text);
    }

    [Fact]
    public void Substitute_UnknownTag_IsLeftAsWrittenAndReported()
    {
        var result = TemplateTags.Substitute("a {{steps.x.outputs.result}} b", Vars);

        Assert.Equal("a {{steps.x.outputs.result}} b", result.Text);
        Assert.Equal(["steps.x.outputs.result"], result.Unresolved);
    }

    [Fact]
    public void Substitute_ExpressionTag_IsEvaluated()
    {
        var result = TemplateTags.Substitute("{{= asInt(inputs.parameters.n) * 2 }}|{{=sprig.upper(workflow.name)}}", Vars);

        Assert.Equal("8|WF-1", result.Text);
    }

    [Fact]
    public void Substitute_BadExpressionTag_IsErrorAndKept()
    {
        var result = TemplateTags.Substitute("{{= (1 }}", Vars);

        Assert.Equal("{{= (1 }}", result.Text);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Substitute_BracesOfAPythonFString_FollowArgoTokenizer()
    {
        // Argo's tokenizer takes "{{" to the next "}}": the f-string's own braces swallow the first tag.
        var text = "f\"\"\"{{\n \"name\": \"{{workflow.name}}\",\n \"n\": \"{{inputs.parameters.n}}\"\n}}\"\"\"";

        var result = TemplateTags.Substitute(text, Vars);

        Assert.Equal("f\"\"\"{{\n \"name\": \"{{workflow.name}}\",\n \"n\": \"4\"\n}}\"\"\"", result.Text);
    }

    [Fact]
    public void Scan_FindsTagsAndExpressionTags()
    {
        var tags = TemplateTags.Scan("{{a}} x {{= b + 1}} {{c}").ToList();

        Assert.Equal([new TemplateTag("a", false), new TemplateTag("b + 1", true)], tags);
    }

    [Fact]
    public void Replace_ManyUnclosedTags_TagRunsToFirstClose()
    {
        var text = string.Concat(Enumerable.Repeat("{{a", 50_000)) + "}} {{b}}";

        var replaced = TemplateTags.Replace(text, "x");

        Assert.Equal("x x", replaced);
    }
}
