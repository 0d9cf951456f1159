using Durango.Api.Templates;
using Durango.Api.Workflows;
using Durango.Core.Diagnostics;
using Durango.Core.Loading;
using Durango.Core.Spec;
using Durango.Core.Validation;
using Durango.Engine.Cron;
using Durango.Engine.Stores;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Durango.Api.Cron;

/// <summary>
/// CronWorkflows: creating, updating and linting them (validated like <c>argo cron lint</c>), listing, reading,
/// suspending, resuming and deleting them, and starting their workflows. Each is stored in the template store under
/// its kind (so in Blob Storage on the Azure Storage backend) and runs as one eternal orchestration
/// (<see cref="CronTasks.InstanceId"/>), told of changes by <see cref="CronTasks.SignalEvent"/>. Names are unique
/// across namespaces, as WorkflowTemplates' are. Split by concern into partial files.
/// </summary>
public sealed partial class CronService(ITemplateStore store, WorkflowService workflows, DurableTaskClient client, TimeProvider time)
{
    /// <summary>Validates the one CronWorkflow in <paramref name="text"/> and, unless linting, stores it and (re)starts its orchestration.</summary>
    public async Task<TemplateOutcome> PutAsync(
        string @namespace, string text, string file, TemplateService.Write write, string? expectedName = null, CancellationToken cancellationToken = default)
    {
        var lint = WorkflowLoader.Load(text, file);
        if (lint.HasErrors)
        {
            return Invalid(lint.Diagnostics);
        }

        if (lint.Documents.Count != 1 || lint.Documents[0].Document.Kind != WorkflowKind.CronWorkflow)
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.UnknownKind,
                $"send exactly one CronWorkflow; found {string.Join(", ", lint.Documents.Select(d => d.Document.Kind))}", "kind", new SourceLocation(file, 1, 1))]);
        }

        var loaded = lint.Documents[0];
        var metadata = loaded.Document.Metadata;
        var problem = CheckMetadata(metadata, @namespace, expectedName);
        if (problem is { } found)
        {
            return Invalid([new Diagnostic(Severity.Error, DiagnosticCodes.BadName, found.Message, found.Path, loaded.SourceMap.Locate(found.Path))]);
        }

        var document = loaded.Document with { Metadata = metadata with { Namespace = @namespace } };
        var registry = await store.SnapshotAsync(@namespace, workflows.DefaultNamespace, cancellationToken).ConfigureAwait(false);
        var diagnostics = WorkflowValidator.Validate(loaded with { Document = document }, registry);
        if (diagnostics.Any(d => d.IsError))
        {
            return Invalid(diagnostics);
        }

        var existing = await store.GetAsync(WorkflowKind.CronWorkflow, metadata.Name!, cancellationToken).ConfigureAwait(false);
        var stored = new StoredTemplate(document, CronSource.Stored(text, loaded.Index, @namespace), time.GetUtcNow());
        switch (write)
        {
            case TemplateService.Write.Lint:
                return new TemplateOutcome(TemplateStatus.Done, stored, diagnostics);
            case TemplateService.Write.Create when existing is not null:
                return new TemplateOutcome(TemplateStatus.Exists, null, [], existing.Document.Metadata.Namespace is { } other && other != @namespace
                    ? $"CronWorkflow '{metadata.Name}' already exists in namespace '{other}' (Durango's CronWorkflow names are unique across namespaces)"
                    : $"CronWorkflow '{metadata.Name}' already exists; update it with PUT or delete it first");
            case TemplateService.Write.Update when existing is null || existing.Document.Metadata.Namespace != @namespace:
                return new TemplateOutcome(TemplateStatus.Missing, null, [], $"CronWorkflow '{metadata.Name}' not found; create it with POST");
        }

        await store.PutAsync(stored, cancellationToken).ConfigureAwait(false);
        await ScheduleAsync(stored, cancellationToken).ConfigureAwait(false);
        return new TemplateOutcome(TemplateStatus.Done, stored, diagnostics);
    }

    /// <summary>Every CronWorkflow in <paramref name="namespace"/> (every namespace when null).</summary>
    public async Task<IReadOnlyList<StoredTemplate>> ListAsync(string? @namespace, CancellationToken cancellationToken = default) =>
        (await store.ListAsync(WorkflowKind.CronWorkflow, cancellationToken).ConfigureAwait(false))
            .Where(t => @namespace is null || t.Document.Metadata.Namespace == @namespace).ToList();

    /// <summary>CronWorkflow <paramref name="name"/> in <paramref name="namespace"/>, or null.</summary>
    public async Task<StoredTemplate?> GetAsync(string @namespace, string name, CancellationToken cancellationToken = default) =>
        await store.GetAsync(WorkflowKind.CronWorkflow, name, cancellationToken).ConfigureAwait(false) is { } cron && cron.Document.Metadata.Namespace == @namespace
            ? cron
            : null;

    /// <summary>Deletes a CronWorkflow and ends its orchestration (the workflows it started stay); false when there was none.</summary>
    public async Task<bool> DeleteAsync(string @namespace, string name, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await store.DeleteAsync(WorkflowKind.CronWorkflow, name, cancellationToken).ConfigureAwait(false);
        var id = CronTasks.InstanceId(@namespace, name);
        if (await client.GetInstancesAsync(id, cancellationToken).ConfigureAwait(false) is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            await client.RaiseEventAsync(id, CronTasks.SignalEvent, new CronSignal(CronSignalKind.Delete), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Sets <c>spec.suspend</c> (argo's <c>cron suspend</c> and <c>cron resume</c>); null when there is no such CronWorkflow.</summary>
    public async Task<StoredTemplate?> SetSuspendAsync(string @namespace, string name, bool suspend, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(@namespace, name, cancellationToken).ConfigureAwait(false) is not { } cron)
        {
            return null;
        }

        var updated = new StoredTemplate(
            cron.Document with { Cron = cron.Document.Cron! with { Suspend = suspend } }, CronSource.WithSuspend(cron.Source, suspend), time.GetUtcNow());
        await store.PutAsync(updated, cancellationToken).ConfigureAwait(false);
        await ScheduleAsync(updated, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <summary>Starts the CronWorkflow's orchestration, or tells the running one about the change.</summary>
    private async Task ScheduleAsync(StoredTemplate cron, CancellationToken cancellationToken)
    {
        var @namespace = cron.Document.Metadata.Namespace!;
        var policy = Policy(cron.Document.Cron!);
        var id = CronTasks.InstanceId(@namespace, cron.Name);
        var instance = await client.GetInstancesAsync(id, cancellationToken).ConfigureAwait(false);
        if (instance is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            await client.RaiseEventAsync(id, CronTasks.SignalEvent, new CronSignal(CronSignalKind.Update, policy), cancellationToken).ConfigureAwait(false);
            return;
        }

        var input = new CronRunInput(@namespace, cron.Name, policy, new CronState(time.GetUtcNow()));
        await client.ScheduleNewOrchestrationInstanceAsync(CronTasks.Orchestrator, input, new StartOrchestrationOptions(id), cancellationToken).ConfigureAwait(false);
    }

    private static CronPolicy Policy(CronWorkflowSpec spec) => new(spec.Schedules, spec.Timezone, spec.StartingDeadlineSeconds, spec.Suspend);

    private static (string Message, string Path)? CheckMetadata(ObjectMeta metadata, string @namespace, string? expectedName)
    {
        var nameError = string.IsNullOrEmpty(metadata.Name) ? "a CronWorkflow needs metadata.name; its workflows are named after it" : KubernetesNames.Check(metadata.Name, "name");
        return nameError is not null ? (nameError, "metadata")
            : expectedName is not null && metadata.Name != expectedName ? ($"the CronWorkflow is named '{metadata.Name}' but the URL names '{expectedName}'", "metadata.name")
            : metadata.Namespace is { } written && written != @namespace ? ($"metadata.namespace '{written}' does not match the namespace '{@namespace}' of the request", "metadata.namespace")
            : null;
    }

    private static TemplateOutcome Invalid(IReadOnlyList<Diagnostic> diagnostics) =>
        new(TemplateStatus.Invalid, null, diagnostics, $"the CronWorkflow is invalid: {diagnostics.Count(d => d.IsError)} error(s); nothing was installed");
}
