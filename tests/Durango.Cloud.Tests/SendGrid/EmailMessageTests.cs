using System.Text.Json.Nodes;
using Durango.Cloud.SendGrid;

namespace Durango.Cloud.Tests.SendGrid;

public sealed class EmailMessageTests
{
    private static (EmailMessage? Message, string? Error) Parse(string json) => EmailMessage.Parse(JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void Parse_RecipientsAsTextOrList_SplitAndDeduplicated()
    {
        var (message, error) = Parse("""{"to": "a@x.org b@x.org, A@x.org", "cc": ["c@x.org", "d@x.org e@x.org"], "subject": "s", "body": "b"}""");

        Assert.Null(error);
        Assert.Equal(["a@x.org", "b@x.org"], message!.To);
        Assert.Equal(["c@x.org", "d@x.org", "e@x.org"], message.Cc);
        Assert.Empty(message.Bcc);
        Assert.Null(message.From);
    }

    [Theory]
    [InlineData("""{"subject": "s", "body": "b"}""", "'to' names no recipient")]
    [InlineData("""{"to": " ", "subject": "s", "body": "b"}""", "'to' names no recipient")]
    [InlineData("""{"to": "a@x.org", "body": "b"}""", "'subject' is required")]
    [InlineData("""{"to": "a@x.org", "subject": "s"}""", "give a 'body'")]
    [InlineData("""{"to": "a@x.org", "subject": "s", "body": "b", "attachments": []}""", "unknown field 'attachments'")]
    public void Parse_Mistakes_SayWhatToWrite(string json, string expected)
    {
        var (message, error) = Parse(json);

        Assert.Null(message);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
