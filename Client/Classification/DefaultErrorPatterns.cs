using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Classification;

/// <summary>The six default patterns, with their priorities.</summary>
public static class DefaultErrorPatterns
{
    public const string MissingAsyncKeyword = "missing-async-keyword";
    public const string ModuleNotFound = "module-not-found";
    public const string ValidationFailed = "validation-failed";
    public const string TemplateRenderingError = "template-rendering-error";
    public const string QuorumConsensusFailed = "quorum-consensus-failed";
    public const string OperationTimeout = "operation-timeout";

    public static IReadOnlyList<ErrorPattern> All { get; } =
    [
        ErrorPattern.Create(QuorumConsensusFailed, @"quorum|consensus (failed|not reached)", ErrorType.Coordinator, ErrorSeverity.High, 90),
        ErrorPattern.Create(OperationTimeout, @"\b(timed? ?out|timeout|deadline exceeded)\b", ErrorType.Timeout, ErrorSeverity.Medium, 80),
        ErrorPattern.Create(ModuleNotFound, @"(module|import|assembly|package) .*not (found|be loaded)|could not load (file or )?assembly|no module named", ErrorType.Task, ErrorSeverity.High, 70),
        ErrorPattern.Create(MissingAsyncKeyword, @"\bawait\b.*\b(only|outside)\b.*\basync\b|missing .*async|async keyword", ErrorType.Task, ErrorSeverity.Medium, 60),
        ErrorPattern.Create(TemplateRenderingError, @"template.*(render|syntax|pars)|(render|pars).*template", ErrorType.Task, ErrorSeverity.Medium, 50),
        ErrorPattern.Create(ValidationFailed, @"validation (failed|error)|invalid (input|argument|value)|is not valid", ErrorType.Validation, ErrorSeverity.Low, 40),
    ];
}
