using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Validation;

namespace Durango.Server.Cli;

/// <summary>
/// <c>durango lint FILE...</c>: validates like <c>argo lint</c>. Templates in any of the files resolve the
/// <c>templateRef</c>s of the others, so a workflow can be linted together with the templates it calls.
/// </summary>
internal static class LintCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var files = new List<(string File, string Text)>();
        var diagnostics = new List<Diagnostic>();
        var unreadable = new List<string>();
        foreach (var file in args.Positional)
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

        var loads = files.Select(f => (f.File, Load: WorkflowLoader.Load(f.Text, f.File))).ToList();
        var registry = new InMemoryTemplateRegistry(loads.SelectMany(l => l.Load.Documents).Select(d => d.Document));
        foreach (var (_, load) in loads)
        {
            diagnostics.AddRange(load.Diagnostics);
            foreach (var document in load.Documents)
            {
                diagnostics.AddRange(WorkflowValidator.Validate(document, registry));
            }
        }

        foreach (var line in unreadable)
        {
            await stderr.WriteLineAsync(line).ConfigureAwait(false);
        }

        await DiagnosticPrinter.PrintAsync(diagnostics, args.Output, stdout).ConfigureAwait(false);
        if (args.Output != "json")
        {
            var errors = diagnostics.Count(d => d.IsError) + unreadable.Count;
            await stderr.WriteLineAsync(errors == 0
                ? $"no errors found in {files.Count} file(s)"
                : $"{errors} error(s), {diagnostics.Count(d => !d.IsError)} warning(s)").ConfigureAwait(false);
        }

        return unreadable.Count > 0 || diagnostics.Any(d => d.IsError) ? CommandLine.Failed : CommandLine.Ok;
    }
}
