using System.Text.Json;
using Durango.Api.Http;

namespace Durango.Functions.Tests;

/// <summary>
/// Core Tools cannot run here, so the build's own output is checked: the generated <c>functions.metadata</c> declares
/// the API as one HTTP function that hands every <c>/api</c> request to the route table both hosts share.
/// </summary>
public class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = Load();

    [Fact]
    public void Metadata_TheApiIsOneAnonymousHttpFunctionUnderApi_ForEveryMethodTheRouteTableUses()
    {
        var trigger = HttpTrigger(ApiFunction.Name);

        Assert.Equal("api/{*path}", trigger.GetProperty("route").GetString());
        // Durango checks the Bearer token itself (ApiAuth), as argo's clients send one; function keys cannot check it.
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToHashSet();
        Assert.All(ApiRoutes.All, r => Assert.Contains(r.Method, methods));
        Assert.All(ApiRoutes.All.Where(r => !r.Operation.StartsWith("ArtifactService_", StringComparison.Ordinal)),
            r => Assert.StartsWith("api/", r.Template, StringComparison.Ordinal));
    }

    [Fact]
    public void Metadata_ArtifactDownloads_AreOneGetFunctionOverTheirFourPrefixes()
    {
        var trigger = HttpTrigger(ArtifactFunction.Name);
        var route = trigger.GetProperty("route").GetString()!;
        var kind = new System.Text.RegularExpressions.Regex(route[(route.IndexOf("regex(", StringComparison.Ordinal) + 6)..route.IndexOf(")}", StringComparison.Ordinal)]);

        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.All(ApiRoutes.ArtifactPaths, p => Assert.Matches(kind, p.TrimStart('/')));
        Assert.All(ApiRoutes.All.Where(r => r.Operation.StartsWith("ArtifactService_", StringComparison.Ordinal)),
            r => Assert.Contains("/" + r.Template.Split('/')[0], ApiRoutes.ArtifactPaths));
        Assert.DoesNotMatch(kind, "api");
    }

    [Fact]
    public void Metadata_TheWebViewAnswersEveryOtherGet_BesideOnlyTheApiAndHealth()
    {
        var trigger = HttpTrigger(WebFunction.Name);
        var http = Functions.Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(f => f.GetProperty("name").GetString());

        Assert.Equal("{*path}", trigger.GetProperty("route").GetString());
        Assert.Equal(["get", "head"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal([ApiFunction.Name, ArtifactFunction.Name, HealthFunction.Name, WebFunction.Name], http.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HostJson_RoutePrefixIsEmpty_SoRoutesAreArgoServersPaths()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(FindRepository(), "host.json")));

        Assert.Equal(string.Empty, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void Metadata_TheApiTakesADurableClient()
    {
        Assert.Contains(Functions.Single(f => f.GetProperty("name").GetString() == ApiFunction.Name).GetProperty("bindings").EnumerateArray(),
            b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void Metadata_HealthIsAnAnonymousGetOnHealthz_OutsideTheApi()
    {
        var trigger = Trigger(Functions.Single(f => f.GetProperty("name").GetString() == HealthFunction.Name));

        Assert.Equal("healthz", trigger.GetProperty("route").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");

    private static JsonElement HttpTrigger(string function) => Trigger(Functions.Single(f => f.GetProperty("name").GetString() == function));

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
