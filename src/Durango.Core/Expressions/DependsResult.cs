namespace Durango.Core.Expressions;

/// <summary>What a <c>depends</c> operand asks of a task: <c>A</c> (<see cref="Default"/>) or <c>A.&lt;Result&gt;</c>.</summary>
public enum DependsResult
{
    /// <summary>A bare task name: <c>A.Succeeded || A.Skipped || A.Daemoned</c>.</summary>
    Default,

    /// <summary><c>.Succeeded</c>.</summary>
    Succeeded,

    /// <summary><c>.Failed</c>.</summary>
    Failed,

    /// <summary><c>.Errored</c>: the task's phase is Error.</summary>
    Errored,

    /// <summary><c>.Skipped</c>.</summary>
    Skipped,

    /// <summary><c>.Omitted</c>.</summary>
    Omitted,

    /// <summary><c>.Daemoned</c>: the task is a daemon that runs and is ready (then it is not <c>.Succeeded</c>).</summary>
    Daemoned,

    /// <summary><c>.AnySucceeded</c>: some iteration of a loop task succeeded.</summary>
    AnySucceeded,

    /// <summary><c>.AllFailed</c>: every iteration of a loop task failed.</summary>
    AllFailed,
}
