using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Durango.Server.Tests.Embedded;

/// <summary>One log entry, as a test reads it.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, string EventName, int EventId, string Message);

/// <summary>Keeps every entry logged through it, so that a test can wait for one or assert that one never came.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    /// <summary>DTFx's category: its dispatchers log there (event <c>ProcessWorkItemFailed</c>, <c>DiscardingMessage</c>).</summary>
    public const string DurableTaskCore = "DurableTask.Core";

    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>DTFx's dispatcher failed a work item: each failure is followed by its back-off.</summary>
    public IEnumerable<LogEntry> DispatcherFailures => _entries.Where(e => e.Category == DurableTaskCore && e.EventName == "ProcessWorkItemFailed");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new LogEntry(category, logLevel, eventId.Name ?? string.Empty, eventId.Id, formatter(state, exception) + (exception is null ? string.Empty : $" {exception.GetType().Name}: {exception.Message}")));
    }
}
