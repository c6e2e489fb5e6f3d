using System.Data.Common;
using System.Net.Http;
using System.Net.Sockets;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClientTests.Classification;

public sealed class ErrorClassifierTests
{
    private readonly ErrorClassifier _classifier = new();

    public static TheoryData<Exception, ErrorType, ErrorSeverity> Table => new()
    {
        { new SocketException((int)SocketError.ConnectionReset), ErrorType.Network, ErrorSeverity.Medium },
        { new HttpRequestException("503 from upstream"), ErrorType.Connection, ErrorSeverity.Medium },
        { new IOException("pipe broken"), ErrorType.Connection, ErrorSeverity.Medium },
        { new TimeoutException("no answer"), ErrorType.Timeout, ErrorSeverity.Medium },
        { new TaskCanceledException("cancelled"), ErrorType.Timeout, ErrorSeverity.Medium },
        { new FakeDbException("deadlock"), ErrorType.Database, ErrorSeverity.High },
        { new OutOfMemoryException("heap"), ErrorType.Resource, ErrorSeverity.Critical },
        { new ArgumentNullException("x", "missing"), ErrorType.Validation, ErrorSeverity.Low },
        { new InvalidOperationException("state"), ErrorType.Task, ErrorSeverity.Medium },
        { new ApplicationException("who knows"), ErrorType.Unknown, ErrorSeverity.Medium },
        { new Exception("wrapper", new SocketException()), ErrorType.Network, ErrorSeverity.Medium },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Exceptions_classify_by_type_base_type_and_inner_exception(Exception error, ErrorType type, ErrorSeverity severity)
    {
        var classification = _classifier.Classify(error);
        Assert.Equal(type, classification.Type);
        Assert.Equal(severity, classification.Severity);
        Assert.Null(classification.PatternId);
    }

    [Theory]
    [InlineData("'await' can only be used inside an async method", DefaultErrorPatterns.MissingAsyncKeyword, ErrorType.Task)]
    [InlineData("Could not load file or assembly 'Foo.Bar'", DefaultErrorPatterns.ModuleNotFound, ErrorType.Task)]
    [InlineData("No module named 'numpy'", DefaultErrorPatterns.ModuleNotFound, ErrorType.Task)]
    [InlineData("Validation failed: 'email' is required", DefaultErrorPatterns.ValidationFailed, ErrorType.Validation)]
    [InlineData("Template render error in invoice.html", DefaultErrorPatterns.TemplateRenderingError, ErrorType.Task)]
    [InlineData("Quorum not reached: 1 of 3 replicas answered", DefaultErrorPatterns.QuorumConsensusFailed, ErrorType.Coordinator)]
    [InlineData("The operation timed out after 30 s", DefaultErrorPatterns.OperationTimeout, ErrorType.Timeout)]
    public void The_default_patterns_match_their_messages(string message, string patternId, ErrorType type)
    {
        var classification = _classifier.Classify(new InvalidOperationException(message));
        Assert.Equal(patternId, classification.PatternId);
        Assert.Equal(type, classification.Type);
    }

    [Fact]
    public void The_higher_priority_pattern_wins_and_patterns_win_over_the_type_map()
    {
        // Matches both quorum (90) and timeout (80).
        var both = _classifier.Classify(new TimeoutException("consensus not reached: vote timed out"));
        Assert.Equal(DefaultErrorPatterns.QuorumConsensusFailed, both.PatternId);
        Assert.Equal(ErrorType.Coordinator, both.Type);
    }

    [Fact]
    public void User_patterns_and_type_mappings_are_honoured_and_override_the_built_ins()
    {
        var classifier = new ErrorClassifier(
            [ErrorPattern.Create("gpu-oom", "CUDA out of memory", ErrorType.Hardware, ErrorSeverity.Critical, 100)],
            [new ExceptionTypeMapping(typeof(TimeoutException), ErrorType.Network, ErrorSeverity.High)]);

        var gpu = classifier.Classify(new InvalidOperationException("CUDA out of memory while allocating 2 GiB"));
        Assert.Equal(("gpu-oom", ErrorType.Hardware, ErrorSeverity.Critical), (gpu.PatternId, gpu.Type, gpu.Severity));

        var timeout = classifier.Classify(new TimeoutException("no answer"));
        Assert.Equal((ErrorType.Network, ErrorSeverity.High), (timeout.Type, timeout.Severity));
    }

    private sealed class FakeDbException(string message) : DbException(message);
}
