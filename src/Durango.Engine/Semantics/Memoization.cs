using Durango.Core.Expressions;
using Durango.Core.Spec;
using Durango.Engine.Stores;

namespace Durango.Engine.Semantics;

/// <summary>The key a memoized node looks up, or why it has none.</summary>
/// <param name="Key">The substituted key; null with an error.</param>
/// <param name="Error">Why the node errors instead of running.</param>
public sealed record MemoKey(string? Key, string? Error);

/// <summary>
/// Argo's memoization rules (<c>executeTemplate</c> in upstream <c>workflow/controller/operator.go</c>, the entry in
/// <c>workflow/controller/cache/cache.go</c>): the key is the template's <c>memoize.key</c> substituted with the
/// node's inputs and must be a valid cache key; an entry is a hit when it has a node id and, with <c>maxAge</c>,
/// was created no longer than <c>maxAge</c> ago. Only a Succeeded node saves its outputs.
/// </summary>
public static class Memoization
{
    /// <summary>The key of a node of a template with <paramref name="memoize"/>, in <paramref name="scope"/> (globals and inputs).</summary>
    public static MemoKey Key(Memoize memoize, IReadOnlyDictionary<string, string> scope, IExpressionEvaluator? evaluator = null)
    {
        var substituted = TemplateTags.Substitute(memoize.Key, scope, evaluator);
        if (substituted.Errors.Count > 0)
        {
            return new MemoKey(null, substituted.Errors[0]);
        }

        if (substituted.Unresolved.Count > 0)
        {
            return new MemoKey(null, $"failed to resolve {{{{{substituted.Unresolved[0]}}}}} in memoize.key");
        }

        return Memoize.IsValidKey(substituted.Text)
            ? new MemoKey(substituted.Text, null)
            : new MemoKey(null, $"invalid cache key: {substituted.Text}");
    }

    /// <summary>
    /// Whether <paramref name="entry"/> is a hit at <paramref name="now"/> (<c>Entry.Hit</c>, <c>GetOutputsWithMaxAge</c>):
    /// it exists with a node id, and is no older than <paramref name="maxAge"/> when one is given. An unparsable
    /// <c>maxAge</c> is never a hit (lint reports it).
    /// </summary>
    public static bool IsHit(MemoEntry? entry, string? maxAge, DateTimeOffset now)
    {
        if (entry is null || string.IsNullOrEmpty(entry.NodeId))
        {
            return false;
        }

        if (string.IsNullOrEmpty(maxAge))
        {
            return true;
        }

        return ArgoDuration.TryParse(maxAge, out var age) && now - entry.CreationTimestamp <= age;
    }
}
