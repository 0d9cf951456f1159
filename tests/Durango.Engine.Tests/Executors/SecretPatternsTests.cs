using System.Text;
using Durango.Engine.Executors;
using Durango.Engine.Stores;

namespace Durango.Engine.Tests.Executors;

public sealed class SecretPatternsTests
{
    private const string Secret = "s3cr3t-Value-9f8e7d";

    public static TheoryData<string> Leaks()
    {
        static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        static string Url(string text) => B64(text).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        return new TheoryData<string>
        {
            B64(Secret),
            B64(Secret + "\n"),
            B64("user:" + Secret),
            B64("ab" + Secret + "cd"),
            Url(Secret),
            Url("x" + Secret),
            Url("{\"token\":\"" + Secret + "\"}"),
        };
    }

    [Theory]
    [MemberData(nameof(Leaks))]
    public void Redact_Base64OfTheSecretAtAnyAlignment_LeavesNoEncodedSecret(string leak)
    {
        var log = new NodeLog(new NullLogStore(), "wf", "node", [Secret]);

        var redacted = log.Redact($"out: {leak} end");

        Assert.Contains(Secret, Decoded(leak), StringComparison.Ordinal);
        Assert.Contains("***", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, Decoded(redacted), StringComparison.Ordinal);
    }

    [Fact]
    public void For_ShortSecret_NoShortBase64Patterns()
    {
        var patterns = SecretPatterns.For(["ab"]);

        Assert.Equal(["ab"], patterns);
    }

    /// <summary>Every base64 run in <paramref name="text"/> decoded, both alphabets, at every alignment.</summary>
    private static string Decoded(string text)
    {
        var decoded = new StringBuilder(text);
        foreach (var word in text.Split(' ', '*'))
        {
            var standard = word.Replace('-', '+').Replace('_', '/').TrimEnd('=');
            for (var skip = 0; skip < 4 && skip < standard.Length; skip++)
            {
                var run = standard[skip..];
                run = (run.Length % 4) switch { 1 => run[..^1], 2 => run + "==", 3 => run + "=", _ => run };
                try
                {
                    decoded.Append(' ').Append(Encoding.Latin1.GetString(Convert.FromBase64String(run)));
                }
                catch (FormatException)
                {
                    // Not base64 at this alignment.
                }
            }
        }

        return decoded.ToString();
    }

    private sealed class NullLogStore : ILogStore
    {
        public Task AppendAsync(string workflow, string nodeId, string text, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<LogChunk> ReadAsync(string workflow, string nodeId, long offset, int maxBytes = LogChunk.DefaultMaxBytes, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task DeleteAsync(string workflow, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
