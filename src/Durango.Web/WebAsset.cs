namespace Durango.Web;

/// <summary>One file of the web view, as it is served.</summary>
/// <param name="Path">Its URL path, such as <c>/assets/js/app.js</c>.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="ContentType">Its media type, with a charset for text.</param>
/// <param name="ETag">A strong validator derived from the content.</param>
public sealed record WebAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
