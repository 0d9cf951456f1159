using System.Text.Json;
using System.Text.Json.Nodes;

namespace Durango.Cloud.SendGrid;

/// <summary>
/// The configuration of an <c>email</c> plugin step, <c>plugin: {email: {to, cc, bcc, subject, body, html, from}}</c>:
/// recipients as a list or a space/comma separated string (as the seed's <c>TO</c> parameter is).
/// </summary>
/// <param name="To">Recipients.</param>
/// <param name="Cc">Copy recipients.</param>
/// <param name="Bcc">Blind copy recipients.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Body">The plain-text body.</param>
/// <param name="Html">An HTML body, if any.</param>
/// <param name="From">The sender, if the step sets one.</param>
public sealed record EmailMessage(
    IReadOnlyList<string> To, IReadOnlyList<string> Cc, IReadOnlyList<string> Bcc, string Subject, string Body, string? Html, string? From)
{
    private static readonly string[] Known = ["to", "cc", "bcc", "subject", "body", "html", "from"];

    /// <summary>Reads <paramref name="config"/>; an error names the field and says what to write.</summary>
    public static (EmailMessage? Message, string? Error) Parse(JsonObject config)
    {
        if (config.Select(p => p.Key).FirstOrDefault(k => !Known.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            return (null, $"email: unknown field '{unknown}'; the fields are {string.Join(", ", Known)}");
        }

        var to = Addresses(config["to"]);
        if (to.Count == 0)
        {
            return (null, "email: 'to' names no recipient; give an address, a list, or addresses separated by spaces or commas");
        }

        if (Text(config["subject"]) is not { Length: > 0 } subject)
        {
            return (null, "email: 'subject' is required");
        }

        var body = Text(config["body"]) ?? string.Empty;
        var html = Text(config["html"]);
        if (body.Length == 0 && string.IsNullOrEmpty(html))
        {
            return (null, "email: give a 'body' (plain text) or an 'html' body");
        }

        return (new EmailMessage(to, Addresses(config["cc"]), Addresses(config["bcc"]), subject, body, html, Text(config["from"]) is { Length: > 0 } from ? from : null), null);
    }

    private static List<string> Addresses(JsonNode? node) => node switch
    {
        JsonArray list => list.Select(Text).OfType<string>().SelectMany(Split).ToList(),
        _ => Text(node) is { } text ? Split(text).ToList() : [],
    };

    private static IEnumerable<string> Split(string text) =>
        text.Split([' ', ',', ';', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString();
}
