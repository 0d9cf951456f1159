using System.Collections;
using System.Runtime.CompilerServices;

namespace Durango.Core.Expressions;

/// <summary>
/// What one evaluation has spent of its <see cref="ExpressionLimits"/>: steps taken, and checks of sizes made before
/// anything large is allocated. Every overrun is an <see cref="ExpressionException"/> naming the limit and its setting.
/// </summary>
internal sealed class ExpressionBudget(ExpressionLimits limits)
{
    private int _steps;

    public ExpressionLimits Limits { get; } = limits;

    /// <summary>Counts one step of evaluation.</summary>
    public void Step(int count = 1)
    {
        _steps += count;
        if (_steps > Limits.ExpressionSteps)
        {
            throw new ExpressionException(
                $"the expression takes more than {Limits.ExpressionSteps} steps ({ExpressionLimits.Setting("ExpressionSteps")}); simplify it or raise the limit");
        }
    }

    /// <summary>Fails unless a result of <paramref name="chars"/> characters (or elements) fits; call before allocating it.</summary>
    public void EnsureSize(long chars)
    {
        if (chars > Limits.ExpressionResultChars)
        {
            throw new ExpressionException(
                $"expression result would be {chars} characters, over the limit of {Limits.ExpressionResultChars} ({ExpressionLimits.Setting("ExpressionResultChars")})");
        }
    }

    /// <summary>Checks the size of a value already made (a string's length, a list's element count) and returns it.</summary>
    public object? Checked(object? value)
    {
        switch (value)
        {
            case string s:
                EnsureSize(s.Length);
                break;
            case ICollection items:
                EnsureSize(items.Count);
                break;
        }

        return value;
    }

    /// <summary>Fails when the expression nests deeper than the limit, or deeper than the thread's stack allows.</summary>
    public void EnsureDepth(int depth)
    {
        if (depth > Limits.ExpressionDepth)
        {
            throw TooDeep(Limits);
        }

        EnsureStack();
    }

    /// <summary>Fails (instead of overflowing) when the thread's stack is nearly used up.</summary>
    public static void EnsureStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ExpressionException("the expression nests too deeply for this thread's stack; flatten it");
        }
    }

    public static ExpressionException TooDeep(ExpressionLimits limits) => new(
        $"the expression nests deeper than {limits.ExpressionDepth} levels ({ExpressionLimits.Setting("ExpressionDepth")}); flatten it, e.g. split it or remove repeated operators");
}
