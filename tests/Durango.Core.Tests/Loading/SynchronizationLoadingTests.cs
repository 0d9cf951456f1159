using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Durango.Testing;

namespace Durango.Core.Tests.Loading;

/// <summary>
/// Loading <c>synchronization</c> and <c>configMapKeyRef</c> as upstream's types define them
/// (<c>pkg/apis/workflow/v1alpha1/workflow_types.go</c> <c>Synchronization</c>, <c>SemaphoreRef</c>, <c>Mutex</c>).
/// </summary>
public class SynchronizationLoadingTests
{
    [Fact]
    public void Load_ListsAndSingularForms_ReadIntoTheSameLists()
    {
        var result = WorkflowLoader.Load("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: sync-}
            spec:
              entrypoint: main
              priority: 7
              synchronization:
                mutexes: [{name: a}, {name: b, namespace: other}]
                semaphore: {configMapKeyRef: {name: cm, key: k}}
              templates:
                - name: main
                  synchronization:
                    mutex: {name: m}
                    semaphores: [{configMapKeyRef: {name: cm2, key: k2}, namespace: ns2}]
                  container: {image: alpine, command: [echo]}
            """, "sync.yaml");

        Assert.Empty(result.Diagnostics);
        var spec = Assert.Single(result.Documents).Document.Spec;
        Assert.Equal(7, spec.Priority);
        Assert.Equal([new MutexRef("a"), new MutexRef("b", "other")], spec.Synchronization!.Mutexes);
        Assert.Equal(new SemaphoreRef(new ConfigMapKeyRef("cm", "k")), Assert.Single(spec.Synchronization.Semaphores));
        var template = spec.Templates[0].Synchronization!;
        Assert.Equal(new MutexRef("m"), Assert.Single(template.Mutexes));
        Assert.Equal(new SemaphoreRef(new ConfigMapKeyRef("cm2", "k2"), "ns2"), Assert.Single(template.Semaphores));
    }

    /// <summary>Upstream's examples/synchronization-db-*.yaml: the database forms are "not supported" at the <c>database</c> key.</summary>
    [Theory]
    [InlineData("synchronization-db-mutex-tmpl-level.yaml", 2)]
    [InlineData("synchronization-db-mutex-wf-level.yaml", 1)]
    [InlineData("synchronization-db-tmpl-level.yaml", 1)]
    [InlineData("synchronization-db-wf-level.yaml", 1)]
    public void Load_UpstreamDatabaseExample_IsNotSupportedAtTheDatabaseKey(string file, int count)
    {
        var path = Path.Combine(ConformanceCorpus.ArgoExamples, file);
        var text = File.ReadAllText(path);
        var result = WorkflowLoader.Load(text, file);

        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        Assert.Equal(count, errors.Count);
        var lines = text.Split('\n');
        foreach (var error in errors)
        {
            Assert.Equal(DiagnosticCodes.NotSupported, error.Code);
            Assert.StartsWith("not supported: database-backed locks", error.Message, StringComparison.Ordinal);
            Assert.EndsWith(".database", error.Path, StringComparison.Ordinal);
            Assert.Contains(".synchronization.", error.Path, StringComparison.Ordinal);
            Assert.Equal(file, error.Location!.File);
            Assert.StartsWith("database", lines[error.Location.Line - 1][(error.Location.Column - 1)..], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_SemaphoreWithoutConfigMapKeyRef_SaysWhatToWrite()
    {
        var result = WorkflowLoader.Load(Specs.Workflow("""
            - name: main
              synchronization: {semaphores: [{namespace: x}]}
              container: {image: alpine}
            """), "t.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.Required, error.Code);
        Assert.Contains("ConfigMaps:<name>:<key>", error.Message, StringComparison.Ordinal);
        Assert.Equal("spec.templates[0].synchronization.semaphores[0].configMapKeyRef", error.Path);
    }

    [Fact]
    public void Load_ConfigMapKeyRefInValueFrom_IsRead()
    {
        var result = WorkflowLoader.Load(File.ReadAllText(Path.Combine(ConformanceCorpus.ArgoExamples, "arguments-parameters-from-configmap.yaml")), "cm.yaml");

        Assert.Empty(result.Diagnostics);
        var parameter = Assert.Single(Assert.Single(result.Documents).Document.Spec.Templates[0].Inputs.Parameters);
        Assert.Equal(new ConfigMapKeyRef("simple-parameters", "msg"), parameter.ValueFrom!.ConfigMapKeyRef);
    }
}
