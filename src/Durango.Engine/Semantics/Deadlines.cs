using System.Globalization;
using Durango.Core.Expressions;
using Durango.Core.Spec;

namespace Durango.Engine.Semantics;

/// <summary>
/// Argo's time limits of a node, in one place. A template's own limit, counted from its node's start: its
/// <c>timeout</c> when that is set (and parses), else its <c>activeDeadlineSeconds</c> — as Argo's controller does
/// (upstream <c>workflow/controller/workflowpod.go</c>: the deadline from <c>timeout</c>, found by
/// <c>checkTemplateTimeout</c> in <c>operator.go</c>, replaces the pod's <c>activeDeadlineSeconds</c>). Both are
/// substituted in the node's scope. A node never outlives an enclosing deadline (the workflow's
/// <c>activeDeadlineSeconds</c>, or an enclosing steps or DAG template's limit): the sooner one holds.
/// </summary>
public static class Deadlines
{
    /// <summary>The time <paramref name="template"/> allows its node, or null when it sets no limit.</summary>
    public static TimeSpan? Limit(Template template, IReadOnlyDictionary<string, string> scope)
    {
        if (template.Timeout is { } timeout && ArgoDuration.TryParse(TemplateTags.Substitute(timeout, scope).Text, out var t))
        {
            return t;
        }

        return template.ActiveDeadlineSeconds is { } seconds
            && double.TryParse(TemplateTags.Substitute(seconds, scope).Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0
            ? TimeSpan.FromSeconds(s)
            : null;
    }

    /// <summary>
    /// When a node still waiting to run (Pending, for a lock) fails with Argo's <c>timeout</c>: its template's
    /// <c>timeout</c> after <paramref name="started"/>, or null. Only <c>timeout</c> counts here, not
    /// <c>activeDeadlineSeconds</c>, which bounds a running pod (upstream <c>checkTemplateTimeouts</c> in
    /// <c>operator.go</c> fails a Pending node past its <c>timeout</c>, waits for locks included).
    /// </summary>
    public static DateTimeOffset? WhilePending(Template template, IReadOnlyDictionary<string, string> scope, DateTimeOffset started) =>
        template.Timeout is { } timeout && ArgoDuration.TryParse(TemplateTags.Substitute(timeout, scope).Text, out var t) ? started + t : null;

    /// <summary>The sooner of <paramref name="deadline"/> and <paramref name="enclosing"/> (either may be absent).</summary>
    public static DateTimeOffset? Sooner(DateTimeOffset? deadline, DateTimeOffset? enclosing) =>
        deadline is null ? enclosing : enclosing is null || deadline < enclosing ? deadline : enclosing;

    /// <summary>The workflow's deadline: <c>activeDeadlineSeconds</c> after it started, or null.</summary>
    public static DateTimeOffset? Workflow(long? activeDeadlineSeconds, DateTimeOffset started) =>
        activeDeadlineSeconds is { } seconds ? started + TimeSpan.FromSeconds(seconds) : null;

    /// <summary>
    /// What stopped a workflow whose entry has ended: the stop it heard (<paramref name="heard"/>), else its
    /// <paramref name="deadline"/> when that has passed at <paramref name="now"/>, else nothing. The entry's own
    /// orchestration watches the same deadline and can end on it before the root's timer fires; the workflow was
    /// stopped by its deadline all the same (upstream: <c>Step exceeded its deadline</c>).
    /// </summary>
    public static string? WorkflowStop(string? heard, DateTimeOffset? deadline, DateTimeOffset now) =>
        heard ?? (deadline is { } due && now >= due ? Model.ArgoMessages.DeadlineExceeded : null);
}
