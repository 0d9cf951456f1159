namespace Durango.Core.Diagnostics;

/// <summary>User text quoted in a message, cut short so a 100,000-character input does not make a 100,000-character message.</summary>
public static class Excerpt
{
    /// <summary>The longest excerpt, in characters, before the ellipsis.</summary>
    public const int MaxChars = 80;

    /// <summary><paramref name="text"/>, or its first <see cref="MaxChars"/> characters and "...".</summary>
    public static string Of(string text) => text.Length <= MaxChars ? text : string.Concat(text.AsSpan(0, MaxChars), "...");
}
