using System.Text.RegularExpressions;

namespace Durango.Core.Spec;

/// <summary>
/// Argo's <c>memoize</c>: a node's outputs are cached under <paramref name="Key"/> in the cache named
/// <paramref name="CacheName"/> (Argo's <c>cache.configMap.name</c>), and a later node with the same key and cache
/// takes them instead of running.
/// </summary>
/// <param name="Key">The cache key, usually with tags (<c>"{{inputs.parameters.x}}"</c>).</param>
/// <param name="MaxAge">How old an entry may be and still count (<c>"10s"</c>, <c>"24h"</c>); none: any age.</param>
/// <param name="CacheName">The cache: a ConfigMap's name in Argo, a store name in Durango.</param>
public sealed partial record Memoize(string Key, string? MaxAge, string CacheName)
{
    /// <summary>
    /// Whether <paramref name="key"/> (substituted) may name a cache entry: letters, digits and dashes, not starting
    /// with a dash (upstream <c>cacheKeyRegex</c>, <c>workflow/controller/cache/cache.go</c>).
    /// </summary>
    public static bool IsValidKey(string key) => KeyPattern().IsMatch(key);

    [GeneratedRegex("^[a-zA-Z0-9][-a-zA-Z0-9]*$")]
    private static partial Regex KeyPattern();
}
