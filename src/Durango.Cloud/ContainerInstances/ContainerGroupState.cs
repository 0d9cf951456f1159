using System.Text.Json.Nodes;

namespace Durango.Cloud.ContainerInstances;

/// <summary>What a GET of a container group says about its <c>main</c> container (and the group's others).</summary>
/// <param name="ProvisioningFailed">ARM could not create the group (bad image, quota, ...).</param>
/// <param name="Started">The main container has started (it may have ended since).</param>
/// <param name="Terminated">The main container has ended, and every other container of the group too.</param>
/// <param name="ExitCode">Its exit code, once terminated.</param>
/// <param name="Message">ACI's explanation: the latest event or detail status.</param>
public sealed record ContainerGroupState(bool ProvisioningFailed, bool Started, bool Terminated, int? ExitCode, string? Message)
{
    /// <summary>The group's other containers (the artifact agent's) that ended with an exit code other than 0.</summary>
    public IReadOnlyList<string> FailedOthers { get; init; } = [];

    /// <summary>The group's IP address, once it has one.</summary>
    public string? IpAddress { get; init; }

    /// <summary>Every container of the group (init containers aside) by name, as its instance view says.</summary>
    public IReadOnlyDictionary<string, ContainerInstanceState> Containers { get; init; } = new Dictionary<string, ContainerInstanceState>();

    /// <summary>Reads the state out of a container group resource.</summary>
    public static ContainerGroupState Read(JsonNode group)
    {
        var properties = group["properties"];
        var provisioning = properties?["provisioningState"]?.GetValue<string>();
        var all = properties?["containers"]?.AsArray().OfType<JsonNode>().ToList() ?? [];
        var main = all.FirstOrDefault(c => c["name"]?.GetValue<string>() == ContainerGroupSpec.ContainerName) ?? all.FirstOrDefault();
        var others = all.Where(c => c != main).Select(c => (Name: c["name"]?.GetValue<string>() ?? "?", State: c["properties"]?["instanceView"]?["currentState"])).ToList();
        var inits = properties?["initContainers"]?.AsArray().OfType<JsonNode>()
            .Select(c => (Name: c["name"]?.GetValue<string>() ?? "?", State: c["properties"]?["instanceView"]?["currentState"])).ToList() ?? [];
        var container = main?["properties"]?["instanceView"];
        var current = container?["currentState"];
        var state = current?["state"]?.GetValue<string>();
        var events = container?["events"]?.AsArray().Select(e => e?["message"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
        var groupEvents = properties?["instanceView"]?["events"]?.AsArray().Select(e => e?["message"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
        var message = current?["detailStatus"]?.GetValue<string>() is { Length: > 0 } detail ? detail : events.Concat(groupEvents).LastOrDefault();
        var exitCode = current?["exitCode"] is { } code ? (int?)code.GetValue<int>() : null;
        return new ContainerGroupState(
            ProvisioningFailed: provisioning is "Failed",
            Started: state is "Running" or "Terminated",
            Terminated: state == "Terminated" && others.All(o => o.State?["state"]?.GetValue<string>() == "Terminated"),
            ExitCode: exitCode,
            Message: message)
        {
            FailedOthers = others.Concat(inits).Where(o => o.State?["exitCode"] is { } c && c.GetValue<int>() != 0).Select(o => o.Name).ToList(),
            IpAddress = properties?["ipAddress"]?["ip"]?.GetValue<string>(),
            Containers = all.GroupBy(c => c["name"]?.GetValue<string>() ?? "?", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => ContainerInstanceState.Read(g.First()["properties"]?["instanceView"]?["currentState"]), StringComparer.Ordinal),
        };
    }
}

/// <summary>One container of a group, from its instance view's current state.</summary>
/// <param name="Started">It has started (it may have ended since).</param>
/// <param name="Terminated">It has ended.</param>
/// <param name="ExitCode">Its exit code, once terminated.</param>
public sealed record ContainerInstanceState(bool Started, bool Terminated, int? ExitCode)
{
    /// <summary>Reads a container's <c>instanceView.currentState</c>.</summary>
    public static ContainerInstanceState Read(JsonNode? current)
    {
        var state = current?["state"]?.GetValue<string>();
        return new ContainerInstanceState(state is "Running" or "Terminated", state == "Terminated", current?["exitCode"] is { } code ? code.GetValue<int>() : null);
    }
}
