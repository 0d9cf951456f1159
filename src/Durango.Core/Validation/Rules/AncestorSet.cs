using System.Collections;

namespace Durango.Core.Validation.Rules;

/// <summary>
/// The tasks one DAG task depends on, directly or through others: what its <c>tasks.X</c> references may name.
/// <see cref="Contains"/> walks up the dependencies from the task and stops at the name, so checking a long DAG takes
/// a walk per reference instead of a set per task (a 10,000-task chain would hold 50 million names). The whole set is
/// built only when it is listed (an error's hint).
/// </summary>
/// <param name="direct">Each task's direct dependencies, shared by every task of the DAG.</param>
/// <param name="task">The task whose ancestors this holds.</param>
internal sealed class AncestorSet(IReadOnlyDictionary<string, IReadOnlyList<string>> direct, string task) : IReadOnlySet<string>
{
    private HashSet<string>? _all;

    public int Count => All.Count;

    private HashSet<string> All => _all ??= Walk(stopAt: null);

    public bool Contains(string item) => _all?.Contains(item) ?? Walk(stopAt: item).Contains(item);

    public IEnumerator<string> GetEnumerator() => All.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsProperSubsetOf(IEnumerable<string> other) => All.IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<string> other) => All.IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<string> other) => All.IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<string> other) => All.IsSupersetOf(other);

    public bool Overlaps(IEnumerable<string> other) => All.Overlaps(other);

    public bool SetEquals(IEnumerable<string> other) => All.SetEquals(other);

    /// <summary>The ancestors met walking up from the task, until <paramref name="stopAt"/> is met (all of them when null).</summary>
    private HashSet<string> Walk(string? stopAt)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(direct.GetValueOrDefault(task) ?? []);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            if (next == stopAt)
            {
                break;
            }

            foreach (var parent in direct.GetValueOrDefault(next) ?? [])
            {
                pending.Push(parent);
            }
        }

        return seen;
    }
}
