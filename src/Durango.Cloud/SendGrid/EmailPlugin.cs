using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Durango.Engine.Executors;
using Durango.Engine.Model;
using global::SendGrid;
using global::SendGrid.Helpers.Mail;

namespace Durango.Cloud.SendGrid;

/// <summary>
/// The <c>email</c> plugin: sends the step's message through SendGrid's v3 <c>mail/send</c> with the SendGrid client.
/// Throttling (429, honouring <c>Retry-After</c>) and server errors (5xx) are retried a few times; a refusal (401,
/// 403, 400) fails the node with SendGrid's reason. The API key comes from configuration and appears nowhere else.
/// </summary>
public sealed class EmailPlugin(SendGridOptions options, IHttpClientFactory httpClients) : IPluginExecutor
{
    /// <summary>The name of the <see cref="HttpClient"/> the plugin uses.</summary>
    public const string ClientName = "durango-sendgrid";

    /// <inheritdoc/>
    public string Name => "email";

    /// <inheritdoc/>
    public async Task<LeafOutcome> RunAsync(JsonObject config, NodeLog log, CancellationToken cancellationToken)
    {
        var (email, error) = EmailMessage.Parse(config);
        if (email is null)
        {
            return new LeafOutcome(NodePhase.Error, error);
        }

        if (string.IsNullOrEmpty(options.ApiKey))
        {
            return new LeafOutcome(NodePhase.Error, "email: no SendGrid API key; set Durango:SendGrid:ApiKey (a Key Vault reference in Azure)");
        }

        if ((email.From ?? options.From) is not { Length: > 0 } from)
        {
            return new LeafOutcome(NodePhase.Error, "email: no sender; set 'from' in the step or Durango:SendGrid:From");
        }

        var message = Compose(email, from);
        var client = new SendGridClient(httpClients.CreateClient(ClientName), new SendGridClientOptions { ApiKey = options.ApiKey, Host = options.Endpoint });
        var recipients = email.To.Count + email.Cc.Count + email.Bcc.Count;
        await log.WriteLineAsync($"[durango] email: sending \"{email.Subject}\" to {recipients} recipient(s) through SendGrid", cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.SendEmailAsync(message, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var id = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
                await log.WriteLineAsync($"[durango] email: SendGrid accepted it ({(int)response.StatusCode}{(id is null ? string.Empty : $", message id {id}")})", cancellationToken).ConfigureAwait(false);
                return new LeafOutcome(NodePhase.Succeeded, null, Result: id ?? "accepted");
            }

            var status = (int)response.StatusCode;
            var reason = await ReasonAsync(response).ConfigureAwait(false);
            var retryable = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
            var wait = RetryAfter(response) ?? options.RetryDelay * Math.Pow(2, attempt);
            if (!retryable || attempt >= options.MaxRetries || wait > options.MaxRetryAfter)
            {
                var advice = status is 401 or 403 ? " (check Durango:SendGrid:ApiKey and the key's Mail Send permission)" : string.Empty;
                var tries = attempt == 0 ? string.Empty : $" after {attempt + 1} attempts";
                return new LeafOutcome(NodePhase.Failed, $"email: SendGrid answered {status} {response.StatusCode}{tries}: {reason}{advice}");
            }

            await log.WriteLineAsync($"[durango] email: SendGrid answered {status}; trying again in {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s", cancellationToken).ConfigureAwait(false);
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static SendGridMessage Compose(EmailMessage email, string from)
    {
        var message = new SendGridMessage { From = new EmailAddress(from), Subject = email.Subject };
        if (email.Body.Length > 0)
        {
            message.PlainTextContent = email.Body;
        }

        if (!string.IsNullOrEmpty(email.Html))
        {
            message.HtmlContent = email.Html;
        }

        message.AddTos(email.To.Select(a => new EmailAddress(a)).ToList());
        if (email.Cc.Count > 0)
        {
            message.AddCcs(email.Cc.Select(a => new EmailAddress(a)).ToList());
        }

        if (email.Bcc.Count > 0)
        {
            message.AddBccs(email.Bcc.Select(a => new EmailAddress(a)).ToList());
        }

        return message;
    }

    private static TimeSpan? RetryAfter(Response response) =>
        response.Headers.RetryAfter?.Delta
        ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    /// <summary>SendGrid's error messages (its body is <c>{"errors": [{"message": ...}]}</c>); they never carry the key.</summary>
    private static async Task<string> ReasonAsync(Response response)
    {
        var text = response.Body is null ? string.Empty : await response.Body.ReadAsStringAsync().ConfigureAwait(false);
        try
        {
            var messages = JsonNode.Parse(text)?["errors"]?.AsArray().Select(e => e?["message"]?.GetValue<string>()).OfType<string>().ToList();
            if (messages is { Count: > 0 })
            {
                return string.Join("; ", messages);
            }
        }
        catch (JsonException)
        {
            // Not SendGrid's JSON: fall back to the text.
        }

        return text.Length > 200 ? text[..200] : text.Length > 0 ? text : "no details";
    }
}
