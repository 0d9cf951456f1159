using Durango.Core.Diagnostics;
using Durango.Core.Expressions;
using Durango.Core.Validation;
using Durango.Testing;
using Xunit.Abstractions;

namespace Durango.Core.Tests.Fuzz;

/// <summary>
/// The whole conformance corpus (seed, argo-examples, argo-e2e), mutated from a fixed seed, through the loader,
/// the validator and the evaluator in-process: nothing throws, and every diagnostic has a message and a line and
/// column. A stack overflow would kill the test run, so a crash fails it too.
/// </summary>
public class CorpusFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_240_601;
    private const int MutantsPerFile = 16;
    private static readonly NCalcExpressionEvaluator Evaluator = NCalcExpressionEvaluator.Instance;
    private static readonly string[] ExpressionFields = ["when:", "depends:", "expression:", "successCondition:"];

    [Fact]
    public void Lint_MutatedCorpus_NeverThrowsAndLocatesEveryDiagnostic()
    {
        var files = Directory.GetFiles(ConformanceCorpus.Directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var kinds = new int[Mutator.Kinds];
        int mutants = 0, diagnostics = 0, documents = 0, expressions = 0, expressionErrors = 0;

        // Each file has its own seed, so a mutant reproduces whatever order the files run in.
        Parallel.For(0, files.Count, index =>
        {
            var file = files[index];
            var original = File.ReadAllText(file);
            var mutator = new Mutator(new Random(Seed + index));
            var fileKinds = new int[Mutator.Kinds];
            for (var i = 0; i < MutantsPerFile; i++)
            {
                var mutant = mutator.Mutate(original, fileKinds);
                var where = $"{Path.GetRelativePath(ConformanceCorpus.Directory, file)} mutant {i} (seed {Seed + index})";
                var result = WorkflowValidator.Lint(mutant, "fuzz.yaml");
                Interlocked.Increment(ref mutants);
                Interlocked.Add(ref documents, result.Documents.Count);
                Interlocked.Add(ref diagnostics, result.Diagnostics.Count);
                Assert.All(result.Diagnostics, d => AssertLocated(d, where));

                foreach (var text in ExpressionsIn(mutant))
                {
                    Interlocked.Increment(ref expressions);
                    var failed = (Evaluator.Evaluate(text, ExpressionDialect.Expr, Variables).Succeeded ? 0 : 1)
                        + (Evaluator.Evaluate(text, ExpressionDialect.Govaluate, Variables).Succeeded ? 0 : 1);
                    Interlocked.Add(ref expressionErrors, failed);
                    _ = TemplateTags.Substitute(text, Variables);
                    _ = DependsExpression.TryParse(text, out _);
                }
            }

            lock (kinds)
            {
                for (var k = 0; k < kinds.Length; k++)
                {
                    kinds[k] += fileKinds[k];
                }
            }
        });

        output.WriteLine($"{files.Count} corpus files, {mutants} mutants (seed {Seed}): {documents} documents loaded, {diagnostics} diagnostics, " +
            $"{expressions} expressions evaluated ({expressionErrors} evaluation errors), 0 exceptions");
        output.WriteLine($"mutations by kind: {string.Join(", ", kinds)}");
        Assert.True(mutants >= 3000, $"only {mutants} mutants");
    }

    private static readonly Dictionary<string, string> Variables = new()
    {
        ["workflow.status"] = "Failed",
        ["steps.step-1.status"] = "Running",
        ["item"] = "{\"k\":[1,2]}",
        ["inputs.parameters.message"] = "hello",
    };

    private static void AssertLocated(Diagnostic diagnostic, string where)
    {
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), $"{where}: empty message ({diagnostic.Code})");
        Assert.True(diagnostic.Location is { Line: >= 1, Column: >= 1 }, $"{where}: no line/column: {diagnostic}");
    }

    /// <summary>The values of expression fields and the <c>{{= }}</c> tags in <paramref name="text"/>.</summary>
    private static IEnumerable<string> ExpressionsIn(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart(' ', '-');
            if (ExpressionFields.FirstOrDefault(f => trimmed.StartsWith(f, StringComparison.Ordinal)) is { } field)
            {
                yield return trimmed[field.Length..].Trim().Trim('"', '\'');
            }
        }

        foreach (var tag in TemplateTags.Scan(text).Where(t => t.IsExpression))
        {
            yield return tag.Content;
        }
    }
}
