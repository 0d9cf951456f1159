using Durango.Core.Spec;

namespace Durango.Core.Loading;

/// <summary>Reads a template's <c>memoize</c>: <c>key</c>, <c>maxAge</c> and <c>cache.configMap.name</c>.</summary>
internal static class MemoizeReader
{
    public static Memoize? Read(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var key = reader.RequiredString("key", "give the cache key, e.g. key: \"{{inputs.parameters.message}}\"");
        var maxAge = reader.String("maxAge");
        var name = string.Empty;
        if (reader.Map("cache", FieldPolicy.Strict) is { } cache)
        {
            if (cache.Map("configMap", FieldPolicy.Strict) is { } configMap)
            {
                name = configMap.RequiredString("name", "name the cache (Argo's ConfigMap; a store name in Durango)");
                configMap.Finish();
            }
            else
            {
                cache.RequiredString("configMap", "give cache.configMap.name, the cache's name");
            }

            cache.Finish();
        }
        else
        {
            reader.RequiredString("cache", "give cache.configMap.name, the cache's name");
        }

        reader.Finish();
        return new Memoize(key, maxAge, name);
    }
}
