using Durango.Core.Diagnostics;

namespace Durango.Core.Tests.Validation;

/// <summary>
/// <c>memoize</c> at lint time: upstream finds a bad key or maxAge only when the node runs ("invalid cache key",
/// "invalid maxAge" in workflow/controller/operator.go); Durango reports a literal one at its line.
/// </summary>
public class MemoizeRulesTests
{
    private static string Template(string memoize) => Specs.Workflow($"""
        - name: main
          memoize: {memoize}
          container: {"{"}image: alpine, command: [echo, hi]{"}"}
        """);

    [Theory]
    [InlineData("{key: cache-key, maxAge: 10s, cache: {configMap: {name: cache-config}}}")]
    [InlineData("{key: \"{{workflow.name}}\", cache: {configMap: {name: c}}}")]
    [InlineData("{key: k1, maxAge: \"{{workflow.parameters.age}}\", cache: {configMap: {name: c}}}")]
    public void Lint_ValidMemoize_IsClean(string memoize) => Assert.Empty(Specs.Errors(Template(memoize)));

    [Theory]
    [InlineData("{key: \"bad key\", cache: {configMap: {name: c}}}", "spec.templates[0].memoize.key", "invalid cache key 'bad key'")]
    [InlineData("{key: k, maxAge: ten, cache: {configMap: {name: c}}}", "spec.templates[0].memoize.maxAge", "maxAge 'ten' is not a duration")]
    [InlineData("{key: k}", "spec.templates[0].memoize.cache", "'cache' is required")]
    [InlineData("{cache: {configMap: {name: c}}}", "spec.templates[0].memoize.key", "'key' is required")]
    [InlineData("{key: k, cache: {configMap: {}}}", "spec.templates[0].memoize.cache.configMap.name", "'name' is required")]
    public void Lint_BadMemoize_IsErrorAtItsLine(string memoize, string path, string message)
    {
        var error = Assert.Single(Specs.Errors(Template(memoize)));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Location);
        Assert.True(error.Code is DiagnosticCodes.BadValue or DiagnosticCodes.Required);
    }
}
