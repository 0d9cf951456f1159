namespace Durango.Web.Tests;

/// <summary>The embedded files' paths (internal to Durango.Web).</summary>
internal static class WebAssetsForTests
{
    public static IEnumerable<string> Paths() => WebAssets.Embedded.Paths;
}
