namespace Durango.Web;

/// <summary>The media types of the files the web view ships.</summary>
internal static class ContentTypes
{
    /// <summary>The media type for <paramref name="path"/> by its extension; unknown ones are opaque bytes.</summary>
    public static string For(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
