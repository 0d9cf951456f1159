using Durango.Server.Cli;
using Durango.Testing;

namespace Durango.Server.Tests.Cli;

/// <summary>Runs the <c>durango</c> command line in-process, capturing what it prints.</summary>
internal static class DurangoCli
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
