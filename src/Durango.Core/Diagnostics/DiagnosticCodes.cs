namespace Durango.Core.Diagnostics;

/// <summary>The stable codes of every diagnostic Durango reports, so that tools can match on them.</summary>
public static class DiagnosticCodes
{
    /// <summary>The YAML itself does not parse.</summary>
    public const string YamlSyntax = "DUR001";

    /// <summary>A field has the wrong shape (a list where a map belongs, a word where a number belongs).</summary>
    public const string WrongType = "DUR002";

    /// <summary>A field Argo does not have.</summary>
    public const string UnknownField = "DUR003";

    /// <summary>A Kubernetes-only field that Durango accepts and ignores.</summary>
    public const string KubernetesOnly = "DUR004";

    /// <summary>An Argo feature Durango does not support.</summary>
    public const string NotSupported = "DUR005";

    /// <summary>A required field is missing.</summary>
    public const string Required = "DUR006";

    /// <summary>The document is not an Argo workflow kind.</summary>
    public const string UnknownKind = "DUR007";

    /// <summary>A template has no body or more than one.</summary>
    public const string TemplateKinds = "DUR010";

    /// <summary>A template reference does not resolve.</summary>
    public const string UnknownTemplate = "DUR011";

    /// <summary>Two templates, steps or tasks share a name, or a name is malformed.</summary>
    public const string BadName = "DUR012";

    /// <summary>A DAG problem: missing dependency, cycle, or depends with dependencies.</summary>
    public const string Dag = "DUR013";

    /// <summary>A lifecycle hook problem.</summary>
    public const string Hook = "DUR014";

    /// <summary>A <c>{{...}}</c> reference that cannot resolve in its scope.</summary>
    public const string UnresolvedReference = "DUR015";

    /// <summary>An expression that does not parse.</summary>
    public const string ExpressionSyntax = "DUR016";

    /// <summary>A retry strategy, duration or deadline that does not parse.</summary>
    public const string BadValue = "DUR017";

    /// <summary>An input parameter without a value that nobody supplies.</summary>
    public const string MissingParameter = "DUR018";

    /// <summary>The input nests deeper, or its aliases expand further, than Durango reads.</summary>
    public const string TooDeep = "DUR019";

    /// <summary>A mapping holds the same key twice.</summary>
    public const string DuplicateKey = "DUR020";
}
