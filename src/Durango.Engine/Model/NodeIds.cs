using System.Globalization;
using System.Numerics;
using System.Text;

namespace Durango.Engine.Model;

/// <summary>
/// Argo's deterministic names: node ids and pod names derive from the workflow name and the node name, so the
/// same node always has the same id. Durango uses them as sub-orchestration instance ids and container group
/// names too, which makes replays and re-deliveries find the work they already started.
/// </summary>
public static class NodeIds
{
    /// <summary>The id of node <paramref name="nodeName"/>: the workflow name for the root, else <c>wf-fnv32a(name)</c>.</summary>
    public static string NodeId(string workflowName, string nodeName) =>
        nodeName == workflowName ? workflowName : $"{workflowName}-{Fnv32a(nodeName).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Argo's v2 pod name: the workflow name for the root node, else <c>wf-template-fnv32a(name)</c>.</summary>
    public static string PodName(string workflowName, string nodeName, string? templateName)
    {
        if (nodeName == workflowName)
        {
            return workflowName;
        }

        const int maxPrefix = 253 - 1 - 10;
        var prefix = string.IsNullOrEmpty(templateName) ? workflowName : $"{workflowName}-{templateName}";
        if (prefix.Length > maxPrefix)
        {
            prefix = prefix[..maxPrefix];
        }

        return $"{prefix}-{Fnv32a(nodeName).ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The instance id of the orchestration that runs node <paramref name="nodeName"/> under root
    /// <paramref name="rootInstanceId"/>. Not Argo's (a node id is a 32-bit hash, which two of a few thousand node names
    /// share now and then: <c>NodeIdsTests</c>); two children sharing an instance id would make one wait for ever, so
    /// it is a 64-bit hash.
    /// </summary>
    public static string InstanceId(string rootInstanceId, string nodeName) =>
        $"{rootInstanceId}:{Fnv64a(nodeName).ToString("x16", CultureInfo.InvariantCulture)}";

    /// <summary>The 64-bit FNV-1a hash of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong Fnv64a(string text) => Fnv1a(text, 14695981039346656037UL, 1099511628211UL);

    /// <summary>The 32-bit FNV-1a hash of the UTF-8 bytes of <paramref name="text"/>, as Go's <c>hash/fnv</c>.</summary>
    public static uint Fnv32a(string text) => Fnv1a(text, 2166136261u, 16777619u);

    /// <summary>FNV-1a over the UTF-8 bytes of <paramref name="text"/>, in the width of <typeparamref name="T"/>.</summary>
    private static T Fnv1a<T>(string text, T offsetBasis, T prime)
        where T : IBinaryInteger<T>, IUnsignedNumber<T>
    {
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= T.CreateTruncating(b);
            hash *= prime;
        }

        return hash;
    }
}
