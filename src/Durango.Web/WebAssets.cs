using System.Reflection;
using System.Security.Cryptography;

namespace Durango.Web;

/// <summary>The web view's files, read once from this assembly's embedded resources (<c>wwwroot/**</c>).</summary>
internal sealed class WebAssets
{
    private const string Prefix = "wwwroot/";
    private readonly Dictionary<string, WebAsset> _byPath;

    private WebAssets(Dictionary<string, WebAsset> byPath) => _byPath = byPath;

    /// <summary>The files embedded in this assembly.</summary>
    public static WebAssets Embedded { get; } = Load(typeof(WebAssets).Assembly);

    /// <summary>Every URL path served.</summary>
    public IEnumerable<string> Paths => _byPath.Keys;

    /// <summary>The file at <paramref name="path"/>, or null.</summary>
    public WebAsset? Find(string path) => _byPath.GetValueOrDefault(path);

    private static WebAssets Load(Assembly assembly)
    {
        var byPath = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var path = "/" + normalized[Prefix.Length..];
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..20] + "\"";
            byPath[path] = new WebAsset(path, bytes, ContentTypes.For(path), etag);
        }

        return new WebAssets(byPath);
    }
}
