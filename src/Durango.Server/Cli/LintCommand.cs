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
        if (args.Positional.Count == 0)
        {
            throw new CliUsageException("lint needs at least one FILE");
        }

        var files = new List<(string File, string Text)>();
        var diagnostics = new List<Diagnostic>();
        foreach (var file in args.Positional)
        {
            if (await WorkflowFile.ReadAsync(file).ConfigureAwait(false) is { } text)
            {
                files.Add((file, text));
            }
            else
            {
                diagnostics.Add(new Diagnostic(Severity.Error, DiagnosticCodes.Required,
                    "cannot read the file; check the path", string.Empty, new SourceLocation(file, 1, 1)));
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

        await DiagnosticPrinter.PrintAsync(diagnostics, args.Output, stdout).ConfigureAwait(false);
        if (args.Output != "json")
        {
            var errors = diagnostics.Count(d => d.IsError);
            await stderr.WriteLineAsync(errors == 0
                ? $"no errors found in {files.Count} file(s)"
                : $"{errors} error(s), {diagnostics.Count - errors} warning(s)").ConfigureAwait(false);
        }

        return diagnostics.Any(d => d.IsError) ? CommandLine.Failed : CommandLine.Ok;
    }
}
