namespace Durango.Engine.Stores;

/// <summary>Where a range of UTF-8 bytes can be cut without splitting a character.</summary>
public static class Utf8Boundary
{
    /// <summary>The length of the longest prefix of <paramref name="bytes"/> that ends on a whole character.</summary>
    public static int CompletePrefix(ReadOnlySpan<byte> bytes)
    {
        // Walk back over at most three continuation bytes to the lead byte of the last character.
        for (var back = 1; back <= Math.Min(4, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed <= back ? bytes.Length : bytes.Length - back;
        }

        return bytes.Length;
    }

    /// <summary>How many bytes at the start of <paramref name="bytes"/> are continuation bytes of a character begun earlier.</summary>
    public static int PartialStart(ReadOnlySpan<byte> bytes)
    {
        var skip = 0;
        while (skip < bytes.Length && skip < 3 && (bytes[skip] & 0xC0) == 0x80)
        {
            skip++;
        }

        return skip;
    }
}
