using Durango.Core.Spec;

namespace Durango.Core.Tests.Architecture;

public class DependencyTests
{
    [Fact]
    public void Core_ReferencesNoDurableAzureOrAspNet()
    {
        var forbidden = new[] { "Microsoft.DurableTask", "DurableTask", "Azure", "Microsoft.Azure", "Microsoft.AspNetCore", "Grpc" };

        var references = typeof(WorkflowDocument).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("YamlDotNet", references);
        Assert.Contains("NCalc.Core", references);
        Assert.DoesNotContain(references, name => forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));
    }
}
