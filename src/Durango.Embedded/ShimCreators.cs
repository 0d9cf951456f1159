using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Durango.Embedded;

/// <summary>
/// Makes a fresh SDK orchestrator, wrapped in the SDK's DTFx shim, for every execution: the same adapter Azure
/// Functions uses, so replay behaves identically in both hosts.
/// </summary>
internal sealed class OrchestratorShimCreator : ObjectCreator<TaskOrchestration>
{
    private readonly Type _type;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public OrchestratorShimCreator(string name, Type type, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _type = type;
        _services = services;
        _shims = shims;
    }

    public override TaskOrchestration Create() =>
        _shims.CreateOrchestration(Name, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(_services, _type), parent: null);
}

/// <summary>Makes a fresh SDK activity, with its dependencies from the container, for every execution.</summary>
internal sealed class ActivityShimCreator : ObjectCreator<TaskActivity>
{
    private readonly Type _type;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public ActivityShimCreator(string name, Type type, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _type = type;
        _services = services;
        _shims = shims;
    }

    public override TaskActivity Create() =>
        _shims.CreateActivity(Name, (ITaskActivity)ActivatorUtilities.CreateInstance(_services, _type));
}
