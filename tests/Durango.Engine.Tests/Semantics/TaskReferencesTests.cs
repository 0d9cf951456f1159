using Durango.Core.Spec;
using Durango.Engine.Semantics;

namespace Durango.Engine.Tests.Semantics;

/// <summary>
/// The tasks a DAG task's own text names (<see cref="TaskReferences"/>), whose variables it is given: upstream
/// resolves <c>tasks.NAME.*</c> by the name written in the task (workflow/controller/scope.go).
/// </summary>
public sealed class TaskReferencesTests
{
    private static Arguments Argument(string value) => new() { Parameters = [new Parameter { Name = "p", Value = value }] };

    [Fact]
    public void Named_ReadsArgumentsWhenAndHooks()
    {
        var task = new DagTask
        {
            Name = "t",
            Depends = "a",
            When = "{{tasks.b.outputs.result}} == x",
            Arguments = Argument("{{tasks.a.outputs.parameters.out}} {{=tasks['my-c'].status}}"),
            Hooks = new Dictionary<string, LifecycleHook> { ["done"] = new() { Template = "h", Expression = "tasks.d_1.status == \"Failed\"" } },
        };

        Assert.Equal(["a", "b", "d_1", "my-c"], TaskReferences.Named(task)!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Named_IsEmptyForATaskThatNamesNoTask() =>
        Assert.Empty(TaskReferences.Named(new DagTask { Name = "t", Depends = "a", Arguments = Argument("{{inputs.parameters.x}}") })!);

    [Theory]
    [InlineData("{{=tasks[inputs.parameters.which].outputs.result}}")]
    [InlineData("{{=toJson(tasks)}}")]
    public void Named_IsNullWhenTheNameCannotBeRead(string value) =>
        Assert.Null(TaskReferences.Named(new DagTask { Name = "t", Arguments = Argument(value) }));
}
