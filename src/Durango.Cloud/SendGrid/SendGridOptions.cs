namespace Durango.Cloud.SendGrid;

/// <summary>Settings of the <c>email</c> plugin, section <c>Durango:SendGrid</c> (app settings <c>Durango__SendGrid__X</c>).</summary>
public sealed class SendGridOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Durango:SendGrid";

    /// <summary>The API key (a Key Vault reference in Azure). Never logged, never in status or errors.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The sender when a template gives no <c>from</c>.</summary>
    public string? From { get; set; }

    /// <summary>SendGrid's API; a local stand-in in tests.</summary>
    public string Endpoint { get; set; } = "https://api.sendgrid.com";

    /// <summary>How often a throttled (429) or failed (5xx) send is tried again before the node fails.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first wait before a retry without <c>Retry-After</c>; it doubles each time.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one fails the node instead of holding it.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}
