using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Durango.Core.Validation;
using Durango.Testing;
using Xunit.Abstractions;

namespace Durango.Conformance.Tests;

/// <summary>
/// Every file of Argo's examples loads without throwing. Every Workflow that upstream runs in its e2e suite
/// (no <c>workflows.argoproj.io/no-test</c> label) and that uses only what Durango supports lints clean; every
/// other one is told, by a "not supported" diagnostic, what Durango lacks.
/// </summary>
public class ArgoExamplesLintTests(ITestOutputHelper output)
{
    private const string NoTestLabel = "workflows.argoproj.io/no-test";

    /// <summary>The README's figure ("Argo compatibility"): fewer clean examples is a regression, not a pass.</summary>
    private const int MinimumClean = 177;

    [Fact]
    public void Lint_EveryArgoExample_CleanOrNotSupported()
    {
        var files = Directory.GetFiles(ConformanceCorpus.ArgoExamples, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var loads = files.Select(f => (File: Path.GetRelativePath(ConformanceCorpus.ArgoExamples, f), Load: WorkflowLoader.Load(File.ReadAllText(f), f))).ToList();
        var registry = new InMemoryTemplateRegistry(loads.SelectMany(l => l.Load.Documents).Select(d => d.Document));
        var clean = new List<string>();
        var notSupported = new List<string>();
        var notRunnable = new List<string>();
        var failures = new List<string>();

        foreach (var (file, load) in loads)
        {
            var diagnostics = load.Diagnostics.Concat(load.Documents.SelectMany(d => WorkflowValidator.Validate(d, registry))).ToList();
            var unsupported = diagnostics.Any(d => d.Code is DiagnosticCodes.NotSupported or DiagnosticCodes.UnknownKind && d.IsError);
            var workflows = load.Documents.Where(d => d.Document.Kind == WorkflowKind.Workflow).ToList();
            var runnable = workflows.Count > 0 && workflows.All(d => !d.Document.Metadata.Labels.ContainsKey(NoTestLabel));
            if (unsupported)
            {
                notSupported.Add(file);
            }
            else if (!diagnostics.Any(d => d.IsError))
            {
                clean.Add(file);
            }
            else if (runnable)
            {
                failures.Add($"{file}: {string.Join("; ", diagnostics.Where(d => d.IsError))}");
            }
            else
            {
                notRunnable.Add($"{file}: {diagnostics.First(d => d.IsError).Message}");
            }
        }

        output.WriteLine($"argo-examples: {files.Count} files; {clean.Count} lint clean; {notSupported.Count} get 'not supported'; {notRunnable.Count} upstream-untested with other errors; {failures.Count} unexpected errors");
        foreach (var line in notRunnable)
        {
            output.WriteLine($"  untested upstream: {line}");
        }

        Assert.Equal(217, files.Count);
        Assert.Empty(failures);
        Assert.True(clean.Count >= MinimumClean, $"{clean.Count} examples lint clean, fewer than the README's {MinimumClean}");
    }
}
