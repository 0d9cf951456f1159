namespace Durango.Bench;

/// <summary>The workflows the benchmark runs: every step a <c>true</c> process, so the figures are Durango's own cost.</summary>
internal static class Workflows
{
    /// <summary>One step: what <c>durango run</c> against <c>durango lint</c> compares.</summary>
    public static string OneStep() =>
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: bench-one-}\nspec:\n  entrypoint: main\n  templates:\n"
        + "    - name: main\n      container: {image: alpine, command: [\"true\"]}\n";

    /// <summary>A chain of <paramref name="steps"/> step groups of one step each, run one after another.</summary>
    public static string Sequential(int steps) =>
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: bench-seq-}\nspec:\n  entrypoint: main\n  templates:\n"
        + "    - name: main\n      steps:\n"
        + string.Concat(Enumerable.Range(0, steps).Select(i => $"        - - {{name: s{i}, template: noop}}\n"))
        + "    - name: noop\n      container: {image: alpine, command: [\"true\"]}\n";

    /// <summary>A DAG of <paramref name="tasks"/> tasks, each depending on the one before: the DAG's own chain.</summary>
    public static string DagChain(int tasks) =>
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: bench-dag-}\nspec:\n  entrypoint: main\n  templates:\n"
        + "    - name: main\n      dag:\n        tasks:\n"
        + string.Concat(Enumerable.Range(0, tasks).Select(i => i == 0
            ? "          - {name: t0, template: noop}\n"
            : $"          - {{name: t{i}, template: noop, dependencies: [t{i - 1}]}}\n"))
        + "    - name: noop\n      container: {image: alpine, command: [\"true\"]}\n";

    /// <summary>One step over a <c>withSequence</c> of <paramref name="items"/>, run in parallel (at most the default parallelism at once).</summary>
    public static string FanOut(int items) =>
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: bench-fan-}\nspec:\n  entrypoint: main\n  templates:\n"
        + "    - name: main\n      steps:\n        - - name: each\n            template: noop\n"
        + $"            withSequence: {{count: \"{items}\"}}\n"
        + "    - name: noop\n      container: {image: alpine, command: [\"true\"]}\n";
}
