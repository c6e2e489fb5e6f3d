using System.Net.Sockets;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClientTests.Classification;

/// <summary>Patterns and exception-type mappings a user adds through the <see cref="ErrorClassifier"/> constructor.</summary>
public sealed class UserClassificationTests
{
    private static readonly ErrorPattern GpuOutOfMemory =
        ErrorPattern.Create("gpu-out-of-memory", @"CUDA out of memory", ErrorType.Hardware, ErrorSeverity.Critical, 100);

    [Fact]
    public void A_user_pattern_classifies_a_message_no_default_matches()
    {
        var classifier = new ErrorClassifier([GpuOutOfMemory]);

        var classification = classifier.Classify(new ApplicationException("RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB"));

        Assert.Equal(new ErrorClassification(ErrorType.Hardware, ErrorSeverity.Critical, "gpu-out-of-memory"), classification);
    }

    [Fact]
    public void A_user_pattern_of_higher_priority_beats_a_default_that_matches_too()
    {
        var classifier = new ErrorClassifier([GpuOutOfMemory]);

        // Matches the default timeout pattern (80) too.
        var classification = classifier.Classify(new TimeoutException("CUDA out of memory: kernel timed out"));

        Assert.Equal("gpu-out-of-memory", classification.PatternId);
    }

    [Fact]
    public void A_user_pattern_of_lower_priority_loses_to_a_default_that_matches_too()
    {
        var lowPriority = ErrorPattern.Create("slow-gpu", @"\bgpu\b", ErrorType.Hardware, ErrorSeverity.Low, 10);
        var classifier = new ErrorClassifier([lowPriority]);

        var both = classifier.Classify(new ApplicationException("gpu kernel timed out"));
        var onlyUser = classifier.Classify(new ApplicationException("gpu 2 throttled"));

        Assert.Equal(DefaultErrorPatterns.OperationTimeout, both.PatternId);
        Assert.Equal(new ErrorClassification(ErrorType.Hardware, ErrorSeverity.Low, "slow-gpu"), onlyUser);
    }

    [Fact]
    public void User_patterns_are_sorted_into_the_defaults_by_priority()
    {
        var mid = ErrorPattern.Create("mid", "mid", ErrorType.Task, ErrorSeverity.Low, 65);
        var classifier = new ErrorClassifier([mid, GpuOutOfMemory]);

        Assert.Equal(
            [100, 90, 80, 70, 65, 60, 50, 40],
            classifier.Patterns.Select(p => p.Priority));
        Assert.Equal("gpu-out-of-memory", classifier.Patterns[0].Id);
        Assert.Equal("mid", classifier.Patterns[4].Id);
    }

    [Fact]
    public void A_user_type_mapping_classifies_its_exception_and_subclasses()
    {
        var classifier = new ErrorClassifier(extraTypes: [new ExceptionTypeMapping(typeof(GpuFaultException), ErrorType.Hardware, ErrorSeverity.High)]);

        Assert.Equal(new ErrorClassification(ErrorType.Hardware, ErrorSeverity.High, null), classifier.Classify(new GpuFaultException("ECC error on gpu 1")));
        Assert.Equal(new ErrorClassification(ErrorType.Hardware, ErrorSeverity.High, null), classifier.Classify(new GpuLostException("gpu 1 fell off the bus")));
        Assert.Equal(
            new ErrorClassification(ErrorType.Hardware, ErrorSeverity.High, null),
            classifier.Classify(new ApplicationException("batch 4 failed", new GpuLostException("gpu 0 fell off the bus"))));
    }

    [Fact]
    public void A_user_type_mapping_overrides_the_built_in_one_for_the_same_type()
    {
        var classifier = new ErrorClassifier(extraTypes: [new ExceptionTypeMapping(typeof(TimeoutException), ErrorType.Network, ErrorSeverity.High)]);

        var classification = classifier.Classify(new TimeoutException("orders-db did not answer"));

        Assert.Equal(new ErrorClassification(ErrorType.Network, ErrorSeverity.High, null), classification);
    }

    [Fact]
    public void A_user_mapping_of_a_subclass_is_more_specific_than_the_built_in_base_mapping()
    {
        var classifier = new ErrorClassifier(extraTypes: [new ExceptionTypeMapping(typeof(ArgumentNullException), ErrorType.Task, ErrorSeverity.High)]);

        Assert.Equal(new ErrorClassification(ErrorType.Task, ErrorSeverity.High, null), classifier.Classify(new ArgumentNullException("orderId", "Order id is missing.")));
        Assert.Equal(new ErrorClassification(ErrorType.Validation, ErrorSeverity.Low, null), classifier.Classify(new ArgumentException("Quantity must be positive.")));
    }

    [Fact]
    public void A_user_override_of_a_base_type_applies_to_its_unmapped_subclasses()
    {
        var classifier = new ErrorClassifier(extraTypes: [new ExceptionTypeMapping(typeof(SocketException), ErrorType.Connection, ErrorSeverity.High)]);

        var classification = classifier.Classify(new ShardUnreachableException());

        Assert.Equal(new ErrorClassification(ErrorType.Connection, ErrorSeverity.High, null), classification);
    }

    [Fact]
    public void When_two_user_mappings_name_the_same_type_the_last_wins()
    {
        var classifier = new ErrorClassifier(extraTypes:
        [
            new ExceptionTypeMapping(typeof(GpuFaultException), ErrorType.Hardware, ErrorSeverity.High),
            new ExceptionTypeMapping(typeof(GpuFaultException), ErrorType.Resource, ErrorSeverity.Critical),
        ]);

        Assert.Equal(new ErrorClassification(ErrorType.Resource, ErrorSeverity.Critical, null), classifier.Classify(new GpuFaultException("ECC error")));
    }

    [Fact]
    public void Patterns_still_win_over_a_user_type_mapping()
    {
        var classifier = new ErrorClassifier(extraTypes: [new ExceptionTypeMapping(typeof(GpuFaultException), ErrorType.Hardware, ErrorSeverity.High)]);

        var classification = classifier.Classify(new GpuFaultException("gpu kernel timed out"));

        Assert.Equal(new ErrorClassification(ErrorType.Timeout, ErrorSeverity.Medium, DefaultErrorPatterns.OperationTimeout), classification);
    }

    [Fact]
    public void User_additions_do_not_change_a_classifier_built_without_them()
    {
        _ = new ErrorClassifier(
            [GpuOutOfMemory],
            [new ExceptionTypeMapping(typeof(TimeoutException), ErrorType.Network, ErrorSeverity.High)]);
        var plain = new ErrorClassifier();

        Assert.Equal(6, plain.Patterns.Count);
        Assert.Equal(new ErrorClassification(ErrorType.Timeout, ErrorSeverity.Medium, null), plain.Classify(new TimeoutException("orders-db did not answer")));
    }

    [Fact]
    public void A_user_mapping_of_System_Exception_catches_every_otherwise_unmapped_exception()
    {
        var classifier = new ErrorClassifier(extraTypes: [new ExceptionTypeMapping(typeof(Exception), ErrorType.Task, ErrorSeverity.Low)]);

        var classification = classifier.Classify(new ApplicationException("something odd happened"));

        Assert.Equal(new ErrorClassification(ErrorType.Task, ErrorSeverity.Low, null), classification);
    }

    [Fact]
    public void A_user_pattern_with_a_default_patterns_id_replaces_that_default()
    {
        var timeout = ErrorPattern.Create(DefaultErrorPatterns.OperationTimeout, @"\bdeadline\b", ErrorType.Timeout, ErrorSeverity.High, 80, recoveryStrategy: "reconnect");
        var classifier = new ErrorClassifier([timeout]);

        Assert.Equal(6, classifier.Patterns.Count);
        Assert.Same(timeout, classifier.Find(DefaultErrorPatterns.OperationTimeout));
        Assert.Equal(new ErrorClassification(ErrorType.Timeout, ErrorSeverity.High, DefaultErrorPatterns.OperationTimeout), classifier.Classify(new ApplicationException("deadline passed")));
        Assert.Null(classifier.Classify(new ApplicationException("the call timed out")).PatternId);
    }

    [Fact]
    public void Two_user_patterns_with_one_id_are_refused_naming_the_id()
    {
        var error = Assert.Throws<ArgumentException>(() => new ErrorClassifier([GpuOutOfMemory, GpuOutOfMemory with { Priority = 5 }]));

        Assert.Contains("'gpu-out-of-memory'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_with_an_invalid_regular_expression_is_refused_naming_the_pattern()
    {
        var error = Assert.Throws<ArgumentException>(() => ErrorPattern.Create("broken", "([", ErrorType.Task, ErrorSeverity.Low, 1));

        Assert.Equal("pattern", error.ParamName);
        Assert.StartsWith("Error pattern 'broken': '([' is not a valid regular expression", error.Message, StringComparison.Ordinal);
    }

    private class GpuFaultException(string message) : Exception(message);

    private sealed class GpuLostException(string message) : GpuFaultException(message);

    private sealed class ShardUnreachableException() : SocketException((int)SocketError.HostUnreachable);
}
