using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Durango.Api.Workflows;

/// <summary>Kubernetes' name rules, which argo-server applies: DNS-1123 subdomains for names, labels for namespaces.</summary>
public static partial class KubernetesNames
{
    // Kubernetes' alphabet for generated names: no vowels, so that no word is spelled, and no look-alikes.
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Kubernetes' <c>generateName</c>: <paramref name="prefix"/> and five random characters.</summary>
    public static string Generate(string prefix) =>
        prefix + new string(Enumerable.Range(0, 5).Select(_ => NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)]).ToArray());

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 subdomain (at most 253 characters), or null when it is.</summary>
    public static string? Check(string? name, string what) => name switch
    {
        null => $"the {what} is missing: give metadata.name or metadata.generateName",
        { Length: > 253 } => $"{what} '{name[..40]}...' is {name.Length} characters; at most 253 are allowed",
        _ when !Subdomain().IsMatch(name) => $"{what} '{Printable(name)}' must be lowercase letters, digits, '-' and '.', and start and end with a letter or digit (a DNS-1123 subdomain)",
        _ => null,
    };

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 label (at most 63 characters, no dots), or null when it is.</summary>
    public static string? CheckLabel(string? name, string what) => name switch
    {
        null or "" => $"the {what} is missing",
        { Length: > 63 } => $"{what} '{name[..40]}...' is {name.Length} characters; at most 63 are allowed",
        _ when !Label().IsMatch(name) => $"{what} '{Printable(name)}' must be lowercase letters, digits and '-', and start and end with a letter or digit (a DNS-1123 label)",
        _ => null,
    };

    private static string Printable(string text) => Regex.Escape(text.Length > 80 ? text[..80] : text);

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9.]*[a-z0-9])?\z")]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex Label();
}
