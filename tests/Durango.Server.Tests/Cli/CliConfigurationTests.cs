using Durango.Server.Cli;
using Durango.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Durango.Server.Tests.Cli;

/// <summary>The embedded host's backend settings read from configuration (<c>Durango:*</c>, env <c>Durango__*</c>).</summary>
public sealed class CliConfigurationTests
{
    private static readonly CliArguments NoArguments = new([], [], new Dictionary<string, string>(), new HashSet<string>());

    [Theory]
    [InlineData(null, null)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void ExtendedSessions_AreTheBackendsDefault_OrWhatTheSettingSays(string? setting, bool? expected)
    {
        var backend = CliConfiguration.Backend(NoArguments, Configuration(("Durango:ExtendedSessions", setting)));

        Assert.Equal(expected, backend.ExtendedSessions);
    }

    [Fact]
    public void ExtendedSessions_ThatAreNotTrueOrFalse_AreAUsageError()
    {
        var error = Assert.Throws<CliUsageException>(() => CliConfiguration.Backend(NoArguments, Configuration(("Durango:ExtendedSessions", "yes"))));

        Assert.Equal("Durango:ExtendedSessions must be true or false, not 'yes'", error.Message);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();
}
