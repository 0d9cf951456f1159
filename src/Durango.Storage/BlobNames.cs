using static Durango.Engine.Stores.StoreKeys;

namespace Durango.Storage;

/// <summary>
/// The layout of Durango's blobs (documented in the README): everything of a workflow sits under
/// <c>{workflow}/</c> in each container, so that deleting a workflow is deleting one prefix per container.
/// </summary>
public static class BlobNames
{
    /// <summary>The prefix of every blob of <paramref name="workflow"/>.</summary>
    public static string WorkflowPrefix(string workflow) => Safe(workflow) + "/";

    /// <summary>The log journal of a node: <c>{workflow}/{nodeId}.log</c>.</summary>
    public static string Log(string workflow, string nodeId) => $"{WorkflowPrefix(workflow)}{Safe(nodeId)}.log";

    /// <summary>The node-tree journal of a workflow: <c>{workflow}/nodes.jsonl</c>.</summary>
    public static string Nodes(string workflow) => $"{WorkflowPrefix(workflow)}nodes.jsonl";

    /// <summary>A large output value: <c>{workflow}/{nodeId}/{name}</c>.</summary>
    public static string Output(string workflow, string key) => WorkflowPrefix(workflow) + string.Join('/', key.Split('/').Select(Safe));

    /// <summary>A template: <c>{kind}/{name}.yaml</c>.</summary>
    public static string Template(string kind, string name) => $"{kind}/{Safe(name)}.yaml";

    /// <summary>A memoization cache entry: <c>{namespace}/{cache}/{key}.json</c>.</summary>
    public static string Memo(string @namespace, string cache, string key) => $"{Safe(@namespace)}/{Safe(cache)}/{Safe(key)}.json";
}
