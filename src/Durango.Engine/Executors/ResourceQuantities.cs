using System.Globalization;
using System.Text.RegularExpressions;

namespace Durango.Engine.Executors;

/// <summary>Kubernetes resource quantities (<c>500m</c>, <c>2</c>, <c>512Mi</c>, <c>1G</c>) as CPU cores and bytes, for the container runtimes.</summary>
public static partial class ResourceQuantities
{
    /// <summary>CPU cores of <paramref name="quantity"/>, or null when it is not a CPU quantity.</summary>
    public static double? Cores(string? quantity)
    {
        if (quantity is null || Parse(quantity) is not { } parsed)
        {
            return null;
        }

        return parsed.Suffix switch
        {
            "" => parsed.Number,
            "m" => parsed.Number / 1000,
            _ => null,
        };
    }

    /// <summary>Memory of <paramref name="quantity"/> in GB (ACI's unit), or null when it is not a memory quantity.</summary>
    public static double? Gigabytes(string? quantity) => Bytes(quantity) / 1e9;

    /// <summary>Memory of <paramref name="quantity"/> in bytes, or null when it is not a memory quantity.</summary>
    public static double? Bytes(string? quantity)
    {
        if (quantity is null || Parse(quantity) is not { } parsed)
        {
            return null;
        }

        return parsed.Suffix switch
        {
            "" => parsed.Number,
            "k" => parsed.Number * 1e3,
            "M" => parsed.Number * 1e6,
            "G" => parsed.Number * 1e9,
            "T" => parsed.Number * 1e12,
            "Ki" => parsed.Number * 1024,
            "Mi" => parsed.Number * 1024 * 1024,
            "Gi" => parsed.Number * 1024 * 1024 * 1024,
            "Ti" => parsed.Number * 1024d * 1024 * 1024 * 1024,
            _ => null,
        };
    }

    private static (double Number, string Suffix)? Parse(string quantity)
    {
        var match = QuantityPattern().Match(quantity.Trim());
        return match.Success && double.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? (number, match.Groups["suffix"].Value)
            : null;
    }

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]+)?)(?<suffix>m|k|M|G|T|Ki|Mi|Gi|Ti)?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();
}
