namespace Durango.Storage.Tests;

public sealed class StorageSettingsTests
{
    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net")]
    public void Parse_ConnectionStrings(string setting) => Assert.Equal(setting, StorageAccount.Parse(setting).ConnectionString);

    [Fact]
    public void Parse_AccountUri_DerivesQueueAndTableEndpoints()
    {
        var account = StorageAccount.Parse("https://acct.blob.core.windows.net/some/path");

        Assert.Null(account.ConnectionString);
        Assert.Equal("https://acct.blob.core.windows.net/", account.BlobUri?.ToString());
        Assert.Equal("https://acct.queue.core.windows.net/", account.QueueUri?.ToString());
        Assert.Equal("https://acct.table.core.windows.net/", account.TableUri?.ToString());
    }

    [Theory]
    [InlineData("not a setting")]
    [InlineData("http://acct.blob.core.windows.net")]
    public void Parse_Nonsense_SaysWhatItWants(string setting)
    {
        var error = Assert.Throws<FormatException>(() => StorageAccount.Parse(setting));
        Assert.Contains("connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var account = StorageAccount.Parse("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0LWtleQ==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;");

        Assert.Equal("http://127.0.0.1:1/devstoreaccount1", account.ToString().TrimEnd('/'));
        Assert.DoesNotContain("c2VjcmV0", account.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Containers_AreNamedFromTheTaskHub_AndBadHubNamesAreRefused()
    {
        Assert.Equal(new BlobContainers("myhub-nodes", "myhub-logs", "myhub-outputs", "myhub-templates") { Memo = "myhub-memo" }, BlobContainers.For("MyHub"));
        Assert.Throws<ArgumentException>(() => BlobContainers.For("my-hub"));
        Assert.Throws<ArgumentException>(() => BlobContainers.For("ab"));
    }
}
