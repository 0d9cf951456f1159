using System.Globalization;
using NCalc;
using NCalc.Factories;
using NCalc.Visitors;

namespace Durango.Core.Expressions;

/// <summary>An NCalc expression whose evaluation counts its steps and checks string concatenation against a budget.</summary>
internal sealed class BudgetedExpression(string text, ExpressionBudget budget)
    : Expression(text, ExpressionOptions.NoCache | ExpressionOptions.AllowNullParameter)
{
    /// <inheritdoc/>
    protected override EvaluationVisitor CreateEvaluationVisitor(ExpressionContext context, CancellationToken cancellationToken) =>
        new BudgetedVisitor(context, EvaluationOptions, CultureInfo, EvaluationVisitorFactory!, budget, cancellationToken);

    /// <summary>NCalc's evaluation, one budget step per operator and call; <c>a + b</c> on text is sized before it is built.</summary>
    private sealed class BudgetedVisitor(
        ExpressionContext context, ExpressionEvaluationOptions options, CultureInfo culture,
        IEvaluationVisitorFactory factory, ExpressionBudget budget, CancellationToken cancellationToken)
        : EvaluationVisitor(context, options, culture, factory, cancellationToken)
    {
        public override object? Visit(BinaryExpression expression)
        {
            budget.Step();
            ExpressionBudget.EnsureStack();
            if (expression.Type != BinaryExpressionType.Plus)
            {
                return base.Visit(expression);
            }

            var left = expression.LeftExpression.Accept(this);
            var right = expression.RightExpression.Accept(this);
            if (left is string || right is string)
            {
                budget.EnsureSize((long)ValueFormatter.Format(left).Length + ValueFormatter.Format(right).Length);
            }

            return base.Visit(new BinaryExpression(BinaryExpressionType.Plus, Value(left), Value(right)));
        }

        private static ValueExpression Value(object? value) => value is null ? new ValueExpression() : new ValueExpression(value);

        public override object? Visit(UnaryExpression expression)
        {
            budget.Step();
            ExpressionBudget.EnsureStack();
            return base.Visit(expression);
        }

        public override object? Visit(TernaryExpression expression)
        {
            budget.Step();
            ExpressionBudget.EnsureStack();
            return base.Visit(expression);
        }

        public override object? Visit(Function function)
        {
            budget.Step();
            ExpressionBudget.EnsureStack();
            return base.Visit(function);
        }
    }
}
