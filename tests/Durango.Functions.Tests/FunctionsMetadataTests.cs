using System.Text.Json;
using Durango.Api.Http;

namespace Durango.Functions.Tests;

/// <summary>
/// Core Tools cannot run here, so the build's own output is checked: the generated <c>functions.metadata</c> declares
/// every route of the API, with its method and function-level authorization, and nothing else.
/// </summary>
public class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = Load();

    [Fact]
    public void Metadata_EveryApiRoute_IsAnHttpTriggerWithFunctionAuth()
    {
        foreach (var route in ApiRoutes.All)
        {
            var function = Functions.SingleOrDefault(f => f.GetProperty("name").GetString() == route.Function);
            Assert.True(function.ValueKind == JsonValueKind.Object, $"no function {route.Function}");
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");
            Assert.Equal(route.Template, trigger.GetProperty("route").GetString());
            Assert.Equal([route.Method.ToLowerInvariant()], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        }
    }

    [Fact]
    public void Metadata_HasNoHttpFunctionOutsideTheRouteTable()
    {
        var http = Functions.Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(f => f.GetProperty("name").GetString());

        Assert.Equal(ApiRoutes.All.Select(r => r.Function).Order(StringComparer.Ordinal), http.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Metadata_EveryHttpFunctionTakesADurableClient()
    {
        Assert.All(Functions, f => Assert.Contains(f.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "durableClient"));
    }

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        if (!File.Exists(path))
        {
            // The Functions project's own output, built with the same configuration as this test.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;
            path = Path.Combine(FindRepository(), "src", "Durango.Functions", "bin", configuration, "net10.0", "functions.metadata");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Functions.sln) was not found");
    }
}
