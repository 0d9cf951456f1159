namespace Durango.Embedded;

/// <summary>The durable backend's storage cannot be reached at start: a message for the user, not a crash.</summary>
public sealed class BackendUnavailableException(string message, Exception inner) : Exception(message, inner);
