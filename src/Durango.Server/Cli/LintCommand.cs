using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Durango.Core.Validation;

namespace Durango.Server.Cli;

/// <summary>
/// <c>durango lint PATH...</c>: validates like <c>argo lint</c> (always offline: Durango's checks need no server).
/// A directory lints its YAML and JSON files; <c>--kinds</c> picks the kinds of document to lint, as argo's does, and
/// <c>template lint</c>, <c>cluster-template lint</c> and <c>cron lint</c> lint their own kind. Templates in any of
/// the files resolve the others' <c>templateRef</c>s, so a workflow can be linted together with the templates it calls.
/// </summary>
internal static class LintCommand
{
    public static Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, LintKinds.Parse(args.Option("--kinds")), stdout, stderr);

    /// <summary>Lints the documents of <paramref name="kinds"/> in the paths of <paramref name="args"/>.</summary>
    public static async Task<int> RunAsync(CliArguments args, IReadOnlySet<WorkflowKind> kinds, TextWriter stdout, TextWriter stderr)
    {
        var files = new List<(string File, string Text)>();
        var diagnostics = new List<Diagnostic>();
        var unreadable = new List<string>();
        foreach (var file in args.Positional.SelectMany(LintKinds.Files))
        {
            var (text, error) = await WorkflowFile.ReadAsync(file).ConfigureAwait(false);
            if (text is not null)
            {
                files.Add((file, text));
            }
            else
            {
                // No line or column: the file has none to point at; the reason is the system's.
                unreadable.Add(WorkflowFile.Unreadable(file, error!));
            }
        }

        var loads = files.Select(f => (f.File, f.Text, Load: WorkflowLoader.Load(f.Text, f.File))).ToList();
        var registry = new InMemoryTemplateRegistry(loads.SelectMany(l => l.Load.Documents).Select(d => d.Document));
        var linted = 0;
        foreach (var (_, text, load) in loads)
        {
            // A document of another kind is not linted, even when it is malformed (argo's --kinds).
            diagnostics.AddRange(load.Diagnostics.Where(d => d.Location is not { } at || LintKinds.KindAt(text, at.Line) is not { } kind || kinds.Contains(kind)));
            foreach (var document in load.Documents.Where(d => kinds.Contains(d.Document.Kind)))
            {
                linted++;
                diagnostics.AddRange(WorkflowValidator.Validate(document, registry));
            }
        }

        foreach (var line in unreadable)
        {
            await stderr.WriteLineAsync(line).ConfigureAwait(false);
        }

        await DiagnosticPrinter.PrintAsync(diagnostics, args.Output, stdout).ConfigureAwait(false);
        var errors = diagnostics.Count(d => d.IsError) + unreadable.Count;
        if (errors == 0 && linted == 0 && diagnostics.Count == 0)
        {
            // As argo: nothing of the kinds asked for is a failure, not a silent success.
            await stderr.WriteLineAsync("found nothing to lint in the specified paths, failing...").ConfigureAwait(false);
            return CommandLine.Failed;
        }

        if (args.Output != "json")
        {
            var warnings = diagnostics.Count(d => !d.IsError);
            await stderr.WriteLineAsync(errors == 0
                ? $"no linting errors found! ({files.Count} file(s), {warnings} warning(s))"
                : $"{errors} linting errors found! ({warnings} warning(s))").ConfigureAwait(false);
        }

        return errors > 0 ? CommandLine.Failed : CommandLine.Ok;
    }
}
