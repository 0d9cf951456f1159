namespace Durango.Core.Validation;

/// <summary>One of Argo's validation rules. Reports into the context; never stops at the first finding.</summary>
internal interface IValidationRule
{
    void Check(ValidationContext context);
}
