using Azure.Core;

namespace Durango.Testing.StandIns;

/// <summary>Microsoft Entra ID's part for tests: hands out the token <see cref="AciStandIn"/> accepts, and counts requests.</summary>
public sealed class StandInCredential : TokenCredential
{
    private int _requests;

    /// <summary>How many tokens were asked for.</summary>
    public int Requests => _requests;

    /// <inheritdoc/>
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return new AccessToken(AciStandIn.Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <inheritdoc/>
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
