using Durango.Core.Spec;

namespace Durango.Core.Tests.Validation;

/// <summary>
/// Lint of <c>containerSet</c> (upstream <c>ContainerSetTemplate.Validate</c> and <c>validateLeaf</c>) and of daemons
/// and readiness probes, each error at its path and line.
/// </summary>
public class ContainerSetAndDaemonRulesTests
{
    [Fact]
    public void Load_ContainerSet_ReadsContainersMountsAndRetry()
    {
        var document = Specs.LoadOne(Specs.Workflow("""
            - name: main
              containerSet:
                retryStrategy: {retries: "2", duration: 5s}
                volumeMounts: [{name: workspace, mountPath: /workspace}]
                containers:
                  - {name: a, image: alpine, command: [echo, a]}
                  - {name: main, image: alpine, command: [echo, b], dependencies: [a]}
            """));

        var set = Assert.IsType<ContainerSetBody>(document.Document.Spec.Templates[0].Body);
        Assert.Equal(["a", "main"], set.Containers.Select(c => c.Name));
        Assert.Equal(["a"], set.Containers[1].Dependencies);
        Assert.Equal(new VolumeMount("workspace", "/workspace"), Assert.Single(set.VolumeMounts));
        Assert.Equal(new ContainerSetRetry("2", "5s"), set.Retry);
    }

    [Theory]
    [InlineData("containers: []", "spec.templates[0].containerSet.containers", "at least one container")]
    [InlineData("containers: [{name: a, image: x}, {name: a, image: x}]", "spec.templates[0].containerSet.containers[1].name", "used twice")]
    [InlineData("containers: [{name: a, image: x, dependencies: [b]}]", "spec.templates[0].containerSet.containers[0].dependencies[0]", "depends on 'b'")]
    [InlineData("containers: [{name: a, image: x, dependencies: [b]}, {name: b, image: x, dependencies: [a]}]", "spec.templates[0].containerSet.containers", "cycle")]
    [InlineData("containers: [{name: wait, image: x}]", "spec.templates[0].containerSet.containers[0].name", "reserved")]
    [InlineData("{containers: [{name: a, image: x}], retryStrategy: {retries: many}}", "spec.templates[0].containerSet.retryStrategy.retries", "whole number")]
    public void Lint_BadContainerSet_IsErrorAtItsPath(string body, string path, string message)
    {
        var yaml = Specs.Workflow($"""
            - name: main
              containerSet: {(body.StartsWith('{') ? body : "{" + body + "}")}
            """);

        var error = Assert.Single(Specs.Errors(yaml));
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Location);
    }

    [Fact]
    public void Lint_OutputParametersWithoutMain_IsUpstreamsError()
    {
        var error = Assert.Single(Specs.Errors(Specs.Workflow("""
            - name: main
              containerSet: {containers: [{name: a, image: x}]}
              outputs: {parameters: [{name: p, valueFrom: {path: /tmp/p}}]}
            """)));

        Assert.Equal("containers must have a container named \"main\" for input or output", error.Message);
    }

    [Fact]
    public void Load_DaemonWithProbe_ReadsIt()
    {
        var document = Specs.LoadOne(Specs.Workflow("""
            - name: main
              daemon: true
              container:
                image: nginx
                readinessProbe: {httpGet: {path: /ping, port: 8086}, initialDelaySeconds: 5, timeoutSeconds: 2}
            """));

        var template = document.Document.Spec.Templates[0];
        Assert.True(template.Daemon);
        var probe = Assert.IsType<ContainerBody>(template.Body).Container.ReadinessProbe!;
        Assert.Equal(new HttpGetProbe("/ping", "8086", null, "HTTP"), probe.HttpGet);
        Assert.Equal((5, 10, 2), (probe.InitialDelaySeconds, probe.PeriodSeconds, probe.TimeoutSeconds));
    }

    [Theory]
    [InlineData("daemon: true\n  steps: [[{name: s, template: leaf}]]", "spec.templates[0].daemon", "container and script templates")]
    [InlineData("container: {image: x, readinessProbe: {httpGet: {port: http}}}", "spec.templates[0].container.readinessProbe.httpGet.port", "named ports")]
    [InlineData("container: {image: x, readinessProbe: {periodSeconds: 3}}", "spec.templates[0].container.readinessProbe", "exactly one of httpGet")]
    [InlineData("container: {image: x, readinessProbe: {grpc: {port: 1}}}", "spec.templates[0].container.readinessProbe.grpc", "gRPC probes")]
    public void Lint_BadDaemonOrProbe_IsErrorAtItsPath(string body, string path, string message)
    {
        var yaml = Specs.Workflow($"""
            - name: main
              {body}
            - name: leaf
              container: {"{"}image: x, command: [echo]{"}"}
            """);

        var errors = Specs.Errors(yaml);
        var error = Assert.Single(errors, e => e.Path == path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Location);
    }
}
