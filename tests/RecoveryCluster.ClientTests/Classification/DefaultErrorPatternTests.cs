using System.Data.Common;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClientTests.Classification;

/// <summary>The six default error patterns, their priorities, and their precedence over the type map.</summary>
public sealed class DefaultErrorPatternTests
{
    private readonly ErrorClassifier _classifier = new();

    public static TheoryData<string, string, ErrorType, ErrorSeverity> RealisticMessages => new()
    {
        { "CS4032: The 'await' operator can only be used within an async method.", DefaultErrorPatterns.MissingAsyncKeyword, ErrorType.Task, ErrorSeverity.Medium },
        { "SyntaxError: 'await' outside async function", DefaultErrorPatterns.MissingAsyncKeyword, ErrorType.Task, ErrorSeverity.Medium },
        { "ModuleNotFoundError: No module named 'pandas'", DefaultErrorPatterns.ModuleNotFound, ErrorType.Task, ErrorSeverity.High },
        { "Could not load file or assembly 'Contoso.Billing, Version=2.1.0.0'. The system cannot find the file specified.", DefaultErrorPatterns.ModuleNotFound, ErrorType.Task, ErrorSeverity.High },
        { "Validation failed: 'Email' must not be empty.", DefaultErrorPatterns.ValidationFailed, ErrorType.Validation, ErrorSeverity.Low },
        { "The value 'abc' is not valid for Quantity.", DefaultErrorPatterns.ValidationFailed, ErrorType.Validation, ErrorSeverity.Low },
        { "jinja2.exceptions.TemplateSyntaxError: unexpected '}'", DefaultErrorPatterns.TemplateRenderingError, ErrorType.Task, ErrorSeverity.Medium },
        { "Failed to render template 'invoice.liquid'", DefaultErrorPatterns.TemplateRenderingError, ErrorType.Task, ErrorSeverity.Medium },
        { "Raft consensus failed: 1 of 3 nodes voted", DefaultErrorPatterns.QuorumConsensusFailed, ErrorType.Coordinator, ErrorSeverity.High },
        { "Write rejected: no quorum (2 of 5 replicas)", DefaultErrorPatterns.QuorumConsensusFailed, ErrorType.Coordinator, ErrorSeverity.High },
        { "The operation has timed out.", DefaultErrorPatterns.OperationTimeout, ErrorType.Timeout, ErrorSeverity.Medium },
        { "rpc error: code = DeadlineExceeded desc = deadline exceeded after 30s", DefaultErrorPatterns.OperationTimeout, ErrorType.Timeout, ErrorSeverity.Medium },
    };

    [Theory]
    [MemberData(nameof(RealisticMessages))]
    public void Each_default_pattern_matches_a_realistic_message_and_gives_its_type_severity_and_id(
        string message, string patternId, ErrorType type, ErrorSeverity severity)
    {
        // ApplicationException is not in the type map, so only the pattern can decide.
        var classification = _classifier.Classify(new ApplicationException(message));

        Assert.Equal(new ErrorClassification(type, severity, patternId), classification);
    }

    [Fact]
    public void The_classifier_starts_with_the_six_defaults_highest_priority_first()
    {
        var patterns = _classifier.Patterns.Select(p => (p.Id, p.Priority)).ToArray();

        Assert.Equal(
            [
                (DefaultErrorPatterns.QuorumConsensusFailed, 90),
                (DefaultErrorPatterns.OperationTimeout, 80),
                (DefaultErrorPatterns.ModuleNotFound, 70),
                (DefaultErrorPatterns.MissingAsyncKeyword, 60),
                (DefaultErrorPatterns.TemplateRenderingError, 50),
                (DefaultErrorPatterns.ValidationFailed, 40),
            ],
            patterns);
    }

    [Theory]
    [InlineData("Quorum read timed out after 5 s", DefaultErrorPatterns.QuorumConsensusFailed, DefaultErrorPatterns.OperationTimeout)]
    [InlineData("Could not load assembly 'Contoso.Plugins': the operation timed out", DefaultErrorPatterns.OperationTimeout, DefaultErrorPatterns.ModuleNotFound)]
    [InlineData("Template rendering failed: validation error in model 'Invoice'", DefaultErrorPatterns.TemplateRenderingError, DefaultErrorPatterns.ValidationFailed)]
    [InlineData("No module named 'asyncio_compat'; 'await' can only be used in an async function", DefaultErrorPatterns.ModuleNotFound, DefaultErrorPatterns.MissingAsyncKeyword)]
    public void A_message_matching_two_patterns_gets_the_higher_priority_one(string message, string winner, string loser)
    {
        var patterns = DefaultErrorPatterns.All.ToDictionary(p => p.Id);
        Assert.True(patterns[winner].Regex.IsMatch(message), $"Expected '{winner}' to match \"{message}\".");
        Assert.True(patterns[loser].Regex.IsMatch(message), $"Expected '{loser}' to match \"{message}\" too.");

        var classification = _classifier.Classify(new ApplicationException(message));

        Assert.Equal(winner, classification.PatternId);
        Assert.Equal(patterns[winner].Type, classification.Type);
        Assert.Equal(patterns[winner].Severity, classification.Severity);
    }

    public static TheoryData<Exception, string, ErrorType, ErrorSeverity> PatternsOverTypes => new()
    {
        { new HttpRequestException("Validation failed for header 'X-Tenant'"), DefaultErrorPatterns.ValidationFailed, ErrorType.Validation, ErrorSeverity.Low },
        { new FakeDbException("Quorum not reached on replica set rs0"), DefaultErrorPatterns.QuorumConsensusFailed, ErrorType.Coordinator, ErrorSeverity.High },
        { new ArgumentException("Could not load file or assembly 'Contoso.Rules'"), DefaultErrorPatterns.ModuleNotFound, ErrorType.Task, ErrorSeverity.High },
        { new OutOfMemoryException("template rendering ran out of buffer space"), DefaultErrorPatterns.TemplateRenderingError, ErrorType.Task, ErrorSeverity.Medium },
    };

    [Theory]
    [MemberData(nameof(PatternsOverTypes))]
    public void A_matching_pattern_wins_over_the_exception_type(Exception error, string patternId, ErrorType type, ErrorSeverity severity)
    {
        var classification = _classifier.Classify(error);

        Assert.Equal(new ErrorClassification(type, severity, patternId), classification);
    }

    [Fact]
    public void Patterns_ignore_case()
    {
        var classification = _classifier.Classify(new ApplicationException("VALIDATION FAILED: ORDER TOTAL"));

        Assert.Equal(DefaultErrorPatterns.ValidationFailed, classification.PatternId);
    }

    private sealed class FakeDbException(string message) : DbException(message);
}
