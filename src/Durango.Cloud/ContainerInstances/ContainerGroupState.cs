using System.Text.Json.Nodes;

namespace Durango.Cloud.ContainerInstances;

/// <summary>What a GET of a container group says about its one container.</summary>
/// <param name="ProvisioningFailed">ARM could not create the group (bad image, quota, ...).</param>
/// <param name="Started">The container has started (it may have ended since).</param>
/// <param name="Terminated">The container has ended.</param>
/// <param name="ExitCode">Its exit code, once terminated.</param>
/// <param name="Message">ACI's explanation: the latest event or detail status.</param>
public sealed record ContainerGroupState(bool ProvisioningFailed, bool Started, bool Terminated, int? ExitCode, string? Message)
{
    /// <summary>Reads the state out of a container group resource.</summary>
    public static ContainerGroupState Read(JsonNode group)
    {
        var properties = group["properties"];
        var provisioning = properties?["provisioningState"]?.GetValue<string>();
        var container = properties?["containers"]?.AsArray().FirstOrDefault()?["properties"]?["instanceView"];
        var current = container?["currentState"];
        var state = current?["state"]?.GetValue<string>();
        var events = container?["events"]?.AsArray().Select(e => e?["message"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
        var groupEvents = properties?["instanceView"]?["events"]?.AsArray().Select(e => e?["message"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
        var message = current?["detailStatus"]?.GetValue<string>() is { Length: > 0 } detail ? detail : events.Concat(groupEvents).LastOrDefault();
        var exitCode = current?["exitCode"] is { } code ? (int?)code.GetValue<int>() : null;
        return new ContainerGroupState(
            ProvisioningFailed: provisioning is "Failed",
            Started: state is "Running" or "Terminated",
            Terminated: state == "Terminated",
            ExitCode: exitCode,
            Message: message);
    }
}
