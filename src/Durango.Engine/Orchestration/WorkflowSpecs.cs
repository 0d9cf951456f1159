using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Durango.Core.Resolution;
using Durango.Engine.Stores;
using Microsoft.DurableTask.Converters;

namespace Durango.Engine.Orchestration;

/// <summary>
/// A workflow's resolved spec, stored once per run under a key made from its content, so that orchestration inputs
/// carry the key and not the spec (README, "Workflow by reference").
/// </summary>
/// <param name="Name">The workflow's name: the stores' partition.</param>
/// <param name="Key">The content key (<see cref="WorkflowSpecs.KeyOf"/>) in the output store.</param>
/// <param name="Inline">
/// The spec itself, only when the root could not store it (the output store was down): the run then carries it in
/// every input, as slow as before but correct.
/// </param>
/// <param name="Run">Which run of the workflow this is (<see cref="WorkflowRunInput.Run"/>): every node record of it carries it.</param>
public sealed record WorkflowRef(string Name, string Key, ResolvedWorkflow? Inline = null, int Run = 0);

/// <summary>
/// Resolved workflows by <see cref="WorkflowRef"/>: the root stores its input's workflow once (an activity), every
/// other orchestration gets it here by key. The key is a hash of the content, so a key always means the same bytes:
/// reading it during replay, on any host, gives what every earlier replay got, and the cache cannot change what
/// history contains (whether it hits or misses, no durable call is made).
/// </summary>
/// <remarks>
/// A miss reads the store synchronously: orchestration code must not await anything but durable tasks. Only a host
/// that did not run the root (scale-out), or restarted, misses.
/// </remarks>
public sealed class WorkflowSpecs(IOutputStore store)
{
    /// <summary>How many specs are kept in memory; content-addressed entries can be dropped at any time.</summary>
    private const int CacheSize = 64;

    private readonly ConcurrentDictionary<string, ResolvedWorkflow> _cache = new(StringComparer.Ordinal);

    /// <summary>The store key of a spec serialized as <paramref name="json"/>: <c>spec/</c> and a SHA-256 of the bytes.</summary>
    public static string KeyOf(string json) => "spec/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    /// <summary>
    /// <paramref name="workflow"/>'s reference for <paramref name="run"/> (<see cref="WorkflowRunInput.Run"/>) and its
    /// serialized form, for the root to store; the spec is cached, so this host's orchestrations do not read it back.
    /// </summary>
    public (WorkflowRef Ref, string Json) Publish(ResolvedWorkflow workflow, int run)
    {
        // The SDK's default form, nulls and all, not DurablePayloads': the root computes the key again at every
        // replay, and a root that stored its spec before an upgrade must find it under the same key after.
        var json = JsonDataConverter.Default.Serialize(workflow)!;
        var reference = new WorkflowRef(workflow.Name, KeyOf(json), Run: run);
        Remember(reference.Key, workflow);
        return (reference, json);
    }

    /// <summary>The workflow behind <paramref name="reference"/>, from memory or the store.</summary>
    /// <exception cref="InvalidOperationException">The store does not hold it (the workflow was deleted).</exception>
    public ResolvedWorkflow Get(WorkflowRef reference)
    {
        if (reference.Inline is { } inline)
        {
            return inline;
        }

        if (_cache.TryGetValue(reference.Key, out var cached))
        {
            return cached;
        }

        // Synchronous: no continuation of the orchestration runs outside its episode. The stores do not resume on the
        // caller's context, so blocking here cannot deadlock.
        var json = Activities.StoreRetry.RunAsync(async c => await store.GetAsync(reference.Name, reference.Key, c).ConfigureAwait(false))
            .AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException($"the spec of workflow '{reference.Name}' is not in the output store ({reference.Key})");
        var workflow = JsonDataConverter.Default.Deserialize<ResolvedWorkflow>(json)!;
        Remember(reference.Key, workflow);
        return workflow;
    }

    private void Remember(string key, ResolvedWorkflow workflow)
    {
        if (_cache.Count >= CacheSize && !_cache.ContainsKey(key))
        {
            _cache.Clear();
        }

        _cache[key] = workflow;
    }
}
