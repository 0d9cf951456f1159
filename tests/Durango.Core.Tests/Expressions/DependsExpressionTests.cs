using Durango.Core.Expressions;

namespace Durango.Core.Tests.Expressions;

public class DependsExpressionTests
{
    /// <summary>Evaluates <paramref name="depends"/> with exactly the operands in <paramref name="trueOperands"/> true.</summary>
    private static bool Eval(string depends, params (string Task, DependsResult Result)[] trueOperands)
    {
        var parsed = DependsExpression.TryParse(depends, out var error);
        Assert.Null(error);
        return parsed!.Evaluate((task, result) => trueOperands.Contains((task, result)));
    }

    [Theory]
    [InlineData("task-a", "task-a", DependsResult.Default)]
    [InlineData("A.Succeeded", "A", DependsResult.Succeeded)]
    [InlineData("A.Failed", "A", DependsResult.Failed)]
    [InlineData("A.Errored", "A", DependsResult.Errored)]
    [InlineData("A.Skipped", "A", DependsResult.Skipped)]
    [InlineData("A.Omitted", "A", DependsResult.Omitted)]
    [InlineData("A.Daemoned", "A", DependsResult.Daemoned)]
    [InlineData("L.AnySucceeded", "L", DependsResult.AnySucceeded)]
    [InlineData("L.AllFailed", "L", DependsResult.AllFailed)]
    public void Evaluate_Operand_AsksForItsTaskAndResult(string depends, string task, DependsResult result)
    {
        Assert.True(Eval(depends, (task, result)));
        Assert.False(Eval(depends));
    }

    [Fact]
    public void Evaluate_Logic_CombinesOperands()
    {
        (string, DependsResult)[] facts = [("A", DependsResult.Default), ("B", DependsResult.Failed), ("C-1", DependsResult.Default), ("C-1", DependsResult.Succeeded)];

        Assert.True(Eval("A && (B.Failed || C-1)", facts));
        Assert.False(Eval("A && !B.Failed", facts));
        Assert.True(Eval("(A.Failed || B.Failed) && C-1.Succeeded", facts));
    }

    [Fact]
    public void TryParse_ListsTasksInOrder()
    {
        var parsed = DependsExpression.TryParse("b.Failed || (a && b)", out _);

        Assert.Equal(["b", "a"], parsed!.Tasks);
    }

    [Theory]
    [InlineData("A.Bogus", "unknown result 'Bogus'; use one of Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, AnySucceeded, AllFailed")]
    [InlineData("A.Default", "unknown result 'Default'")]
    [InlineData("A &&", "expected a value")]
    [InlineData("A & B", "unexpected '&'")]
    public void TryParse_Invalid_SaysWhy(string depends, string expected)
    {
        Assert.Null(DependsExpression.TryParse(depends, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDependencies_Empty_AlwaysReady() =>
        Assert.True(DependsExpression.FromDependencies([]).Evaluate((_, _) => false));
}
