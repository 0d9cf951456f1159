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
    private readonly ObjectFactory _factory;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public OrchestratorShimCreator(string name, Type type, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);
        _services = services;
        _shims = shims;
    }

    public override TaskOrchestration Create() =>
        _shims.CreateOrchestration(Name, (ITaskOrchestrator)_factory(_services, null), parent: null);
}

/// <summary>
/// Makes a fresh SDK activity, with its dependencies from the container, for every execution (through a factory made
/// once: resolving the constructor again for every leaf cost about 15 µs of a step, issue 12).
/// </summary>
internal sealed class ActivityShimCreator : ObjectCreator<TaskActivity>
{
    private readonly ObjectFactory _factory;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public ActivityShimCreator(string name, Type type, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);
        _services = services;
        _shims = shims;
    }

    public override TaskActivity Create() =>
        _shims.CreateActivity(Name, (ITaskActivity)_factory(_services, null));
}
