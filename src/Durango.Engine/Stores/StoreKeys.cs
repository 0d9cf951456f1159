namespace Durango.Engine.Stores;

/// <summary>Names for store keys (file names, blob names) made from workflow names and node ids.</summary>
public static class StoreKeys
{
    /// <summary>
    /// <paramref name="name"/> with anything but letters, digits, <c>-</c>, <c>.</c> and <c>_</c> replaced. Workflow
    /// names and node ids are DNS-like already; this keeps a hostile name from leaving its folder or prefix.
    /// </summary>
    public static string Safe(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_')).TrimStart('.');
}
