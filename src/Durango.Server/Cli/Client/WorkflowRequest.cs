using System.Net;
using System.Text.Json.Nodes;
using Durango.Api.Http;
using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;

namespace Durango.Server.Cli.Client;

/// <summary>
/// A workflow file as argo-server's create request: loaded here (so syntax errors name the file's lines), turned into
/// JSON with the command line's parameters and generateName applied, as the argo CLI does; the server's diagnostics,
/// which name paths in the spec, are mapped back to the file's lines through the same load.
/// </summary>
internal sealed record WorkflowRequest(JsonObject Workflow, SourceMap SourceMap, string File)
{
    /// <summary>Builds the request; throws <see cref="ApiException"/> (400, with the diagnostics) when the file is not one valid Workflow.</summary>
    /// <remarks>argo's submit options are applied as its CLI does (<c>util.ApplySubmitOpts</c>).</remarks>
    public static WorkflowRequest Build(string text, string file, IEnumerable<KeyValuePair<string, string>> parameters, SubmitFlags flags)
    {
        var load = WorkflowLoader.Load(text, file);
        var workflows = load.Documents.Where(d => d.Document.Kind == WorkflowKind.Workflow).ToList();
        if (load.HasErrors || workflows.Count != 1 || YamlJson.Convert(text, workflows[0].Index) is not JsonObject json)
        {
            var diagnostics = load.HasErrors ? load.Diagnostics : [new Diagnostic(Severity.Error, DiagnosticCodes.UnknownKind,
                $"the file must hold exactly one Workflow; found {workflows.Count}", string.Empty, new SourceLocation(file, 1, 1))];
            throw new ApiException(HttpStatusCode.BadRequest, new ApiError((int)ArgoCode.InvalidArgument, "the workflow is invalid; nothing was submitted",
                diagnostics.Select(DiagnosticView.AsDetail).ToList()));
        }

        var metadata = json["metadata"] as JsonObject ?? [];
        json["metadata"] = metadata;
        flags.Apply(metadata, json["spec"] as JsonObject ?? [], parameters);

        return new WorkflowRequest(json, workflows[0].SourceMap, file);
    }

    /// <summary><paramref name="error"/> with each diagnostic placed at its path's line and column in the file.</summary>
    public ApiException Relocate(ApiException error)
    {
        var details = error.Error.Details?.Select(d => string.IsNullOrEmpty(d.Path) ? d with { File = File } : At(d, SourceMap.Locate(d.Path))).ToList();
        return new ApiException(error.Status, error.Error with { Details = details });
    }

    private DiagnosticView At(DiagnosticView detail, SourceLocation where) => detail with { File = File, Line = where.Line, Column = where.Column };
}

