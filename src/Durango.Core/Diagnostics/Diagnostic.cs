using System.Globalization;

namespace Durango.Core.Diagnostics;

/// <summary>How bad a diagnostic is.</summary>
public enum Severity
{
    /// <summary>The spec works, but something in it is ignored or suspicious.</summary>
    Warning,

    /// <summary>The spec cannot run.</summary>
    Error,
}

/// <summary>A place in a source file, 1-based.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}");
}

/// <summary>
/// One finding about a spec: what is wrong, where (file, line, column and the path in the spec) and, in the
/// message, what to do about it.
/// </summary>
public sealed record Diagnostic(Severity Severity, string Code, string Message, string Path, SourceLocation? Location)
{
    /// <summary>True for errors.</summary>
    public bool IsError => Severity == Severity.Error;

    /// <summary>Formats as <c>file:line:col: error: message (path)</c>, the way <c>durango lint</c> prints it.</summary>
    public override string ToString()
    {
        var where = Location?.ToString() ?? "<input>";
        var severity = Severity == Severity.Error ? "error" : "warning";
        var path = string.IsNullOrEmpty(Path) ? string.Empty : $" ({Path})";
        return $"{where}: {severity}: {Message}{path}";
    }
}
