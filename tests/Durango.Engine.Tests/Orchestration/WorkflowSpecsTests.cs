using Durango.Core.Resolution;
using Durango.Core.Spec;
using Durango.Engine.Orchestration;
using Durango.Engine.Stores;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>The workflow by reference: stored once under a key made from its content, read back by key on any host.</summary>
public sealed class WorkflowSpecsTests
{
    private static ResolvedWorkflow Workflow(string command) => new()
    {
        Name = "wf",
        Uid = "uid-1",
        CreationTimestamp = new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero),
        Entrypoint = "main",
        Templates = new Dictionary<string, Template>
        {
            ["main"] = new() { Name = "main", Body = new ContainerBody(new ContainerSpec { Image = "alpine", Command = [command] }) },
        },
    };

    [Fact]
    public void Publish_SameContent_SameKey_OtherContent_OtherKey()
    {
        var specs = new WorkflowSpecs(new InMemoryOutputStore());

        var (first, json) = specs.Publish(Workflow("true"), run: 0);
        var (again, _) = specs.Publish(Workflow("true"), run: 0);
        var (other, _) = specs.Publish(Workflow("false"), run: 0);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Key, other.Key);
        Assert.Equal(WorkflowSpecs.KeyOf(json), first.Key);
        Assert.StartsWith("spec/", first.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_ARetry_SameSpecKey_TheRunInTheReference()
    {
        var specs = new WorkflowSpecs(new InMemoryOutputStore());

        var (first, _) = specs.Publish(Workflow("true"), run: 0);
        var (retried, _) = specs.Publish(Workflow("true"), run: 2);

        Assert.Equal(first.Key, retried.Key);
        Assert.Equal(2, retried.Run);
    }

    [Fact]
    public async Task Get_AnotherHost_ReadsTheStoredSpec()
    {
        var store = new InMemoryOutputStore();
        var (reference, json) = new WorkflowSpecs(store).Publish(Workflow("true"), run: 0);
        await store.PutAsync(reference.Name, reference.Key, json);

        // A host that did not run the root has nothing cached: it reads the store.
        var read = new WorkflowSpecs(store).Get(reference);

        Assert.Equal("wf", read.Name);
        Assert.Equal("true", Assert.IsType<ContainerBody>(read.Template("main").Body).Container.Command[0]);
    }

    [Fact]
    public void Get_Deleted_SaysWhatIsMissing()
    {
        var (reference, _) = new WorkflowSpecs(new InMemoryOutputStore()).Publish(Workflow("true"), run: 0);

        var error = Assert.Throws<InvalidOperationException>(() => new WorkflowSpecs(new InMemoryOutputStore()).Get(reference));

        Assert.Contains("workflow 'wf'", error.Message, StringComparison.Ordinal);
    }
}
