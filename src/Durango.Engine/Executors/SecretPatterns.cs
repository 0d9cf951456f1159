using System.Text;

namespace Durango.Engine.Executors;

/// <summary>
/// The texts that give a secret value away in a log or an output: the value itself, and its base64 encodings
/// (standard and URL-safe, with or without padding) — also inside a longer base64 text, such as
/// <c>echo "user:$TOKEN" | base64</c>, where the secret starts at any of the three byte alignments.
/// </summary>
internal static class SecretPatterns
{
    /// <summary>Base64 patterns shorter than this are not redacted: they would match ordinary text.</summary>
    public const int MinEncodedLength = 8;

    /// <summary>Every pattern of each of <paramref name="secrets"/>, longest first, so that the longest match is replaced.</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> secrets) => secrets
        .Where(s => s.Length > 0)
        .SelectMany(Of)
        .Distinct(StringComparer.Ordinal)
        .OrderByDescending(p => p.Length)
        .ToList();

    private static IEnumerable<string> Of(string secret)
    {
        yield return secret;
        var bytes = Encoding.UTF8.GetBytes(secret);
        var encodings = new List<string> { Convert.ToBase64String(bytes) };

        // Inside a longer text, the secret's bytes start at offset 0, 1 or 2 of a 3-byte group: the groups wholly
        // within the secret then encode to the same characters whatever surrounds them.
        for (var shift = 0; shift < 3; shift++)
        {
            var whole = (bytes.Length - shift) / 3 * 3;
            if (whole > 0)
            {
                encodings.Add(Convert.ToBase64String(bytes, shift, whole));
            }
        }

        foreach (var encoded in encodings)
        {
            foreach (var variant in new[] { encoded, encoded.TrimEnd('='), encoded.Replace('+', '-').Replace('/', '_'), encoded.Replace('+', '-').Replace('/', '_').TrimEnd('=') })
            {
                if (variant.Length >= MinEncodedLength)
                {
                    yield return variant;
                }
            }
        }
    }
}
