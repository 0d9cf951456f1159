using Durango.Core.Spec;

namespace Durango.Core.Tests.Architecture;

public class DependencyTests
{
    /// <summary>
    /// The intended layering (README, "Architecture"): Core ← Engine ← {Api, Storage, Cloud, Web, Embedded} ←
    /// {Functions, Server}, with Api ← Telemetry, and Embedded only in Server. Each project may reference the
    /// projects listed here, directly; nothing references a host.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Durango.Core"] = [],
        ["Durango.Engine"] = ["Durango.Core"],
        ["Durango.Api"] = ["Durango.Core", "Durango.Engine"],
        ["Durango.Storage"] = ["Durango.Core", "Durango.Engine"],
        ["Durango.Cloud"] = ["Durango.Core", "Durango.Engine"],
        ["Durango.Web"] = ["Durango.Core", "Durango.Engine"],
        ["Durango.Embedded"] = ["Durango.Core", "Durango.Engine"],
        ["Durango.Telemetry"] = ["Durango.Core", "Durango.Engine", "Durango.Api"],
        ["Durango.Functions"] = ["Durango.Core", "Durango.Engine", "Durango.Api", "Durango.Storage", "Durango.Cloud", "Durango.Web", "Durango.Telemetry"],
        ["Durango.Server"] = ["Durango.Core", "Durango.Engine", "Durango.Api", "Durango.Storage", "Durango.Cloud", "Durango.Web", "Durango.Telemetry", "Durango.Embedded"],
    };

    [Fact]
    public void Core_ReferencesNoDurableAzureOrAspNet()
    {
        var forbidden = new[] { "Microsoft.DurableTask", "DurableTask", "Azure", "Microsoft.Azure", "Microsoft.AspNetCore", "Grpc" };

        var references = typeof(WorkflowDocument).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("YamlDotNet", references);
        Assert.Contains("NCalc.Core", references);
        Assert.DoesNotContain(references, name => forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void ProjectReferences_EverySrcProject_FollowTheLayering()
    {
        var projects = ProjectGraph.ProjectReferences();

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), projects.Keys.Order(StringComparer.Ordinal));
        var breaches = projects.SelectMany(p => p.Value.Where(r => !Allowed[p.Key].Contains(r)).Select(r => $"{p.Key} -> {r}")).ToList();
        Assert.Empty(breaches);
    }

    [Fact]
    public void AssemblyReferences_EveryBuiltSrcAssembly_FollowTheLayering()
    {
        var assemblies = ProjectGraph.AssemblyReferences();

        // Core is built with these tests; the others are when the solution is (CI builds it first).
        Assert.Contains("Durango.Core", assemblies.Keys);
        var breaches = assemblies.SelectMany(p => p.Value.Where(r => !Allowed[p.Key].Contains(r)).Select(r => $"{p.Key} -> {r}")).ToList();
        Assert.Empty(breaches);
    }
}
