using System.Text.Json;
using Durango.Core.Diagnostics;

namespace Durango.Server.Cli;

/// <summary>Prints diagnostics as <c>durango lint</c> does: one per line, in file order, or as JSON.</summary>
internal static class DiagnosticPrinter
{
    public static async Task PrintAsync(IEnumerable<Diagnostic> diagnostics, string output, TextWriter writer)
    {
        var ordered = diagnostics
            .OrderBy(d => d.Location?.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Line)
            .ThenBy(d => d.Location?.Column)
            .ToList();
        if (output == "json")
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(ordered.Select(DiagnosticView.From), JsonOutput.Options)).ConfigureAwait(false);
            return;
        }

        foreach (var diagnostic in ordered)
        {
            await writer.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }
    }
}
