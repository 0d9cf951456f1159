using System.Text;

namespace Durango.Cloud.ContainerInstances;

/// <summary>
/// Container group names: derived from the node's pod name alone (which is derived from workflow and node), so an
/// activity that runs again for the same node finds the group of its first run instead of creating a second.
/// </summary>
public static class ContainerGroupNames
{
    private const int MaxLength = 63;

    /// <summary>The group name for pod <paramref name="podName"/>: lower case letters, digits and single hyphens, at most 63.</summary>
    public static string For(string podName)
    {
        var name = new StringBuilder();
        foreach (var c in podName.ToLowerInvariant())
        {
            var ok = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (ok != '-' || (name.Length > 0 && name[^1] != '-'))
            {
                name.Append(ok);
            }
        }

        var text = name.ToString().Trim('-');
        if (text.Length <= MaxLength && text == podName)
        {
            return text;
        }

        // Shortened or changed: a hash of the original keeps distinct pods apart.
        var hash = Engine.Model.NodeIds.Fnv32a(podName).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var head = text.Length > MaxLength - 9 ? text[..(MaxLength - 9)].TrimEnd('-') : text;
        return $"{head}-{hash}";
    }
}
