using System.Data.Common;
using System.Net.Sockets;
using RecoveryCluster.Client.Classification;
using RecoveryCluster.Errors;

namespace RecoveryCluster.ClientTests.Classification;

/// <summary>Classification by exception type, for messages no error pattern matches.</summary>
public sealed class ExceptionTypeMapTests
{
    private readonly ErrorClassifier _classifier = new();

    public static TheoryData<Exception, ErrorType, ErrorSeverity> BuiltInTable => new()
    {
        { new SocketException((int)SocketError.ConnectionRefused), ErrorType.Network, ErrorSeverity.Medium },
        { new HttpRequestException("Response status code does not indicate success: 503 (Service Unavailable)."), ErrorType.Connection, ErrorSeverity.Medium },
        { new TimeoutException("orders-db did not answer"), ErrorType.Timeout, ErrorSeverity.Medium },
        { new TaskCanceledException("A task was canceled."), ErrorType.Timeout, ErrorSeverity.Medium },
        { new OperationCanceledException("The operation was canceled."), ErrorType.Timeout, ErrorSeverity.Medium },
        { new FakeDbException("deadlock detected"), ErrorType.Database, ErrorSeverity.High },
        { new OutOfMemoryException("Insufficient memory to continue the execution of the program."), ErrorType.Resource, ErrorSeverity.Critical },
        { new ArgumentException("Value does not fall within the expected range.", "quantity"), ErrorType.Validation, ErrorSeverity.Low },
        { new ApplicationException("something odd happened"), ErrorType.Unknown, ErrorSeverity.Medium },
        { new Exception("something odd happened"), ErrorType.Unknown, ErrorSeverity.Medium },
    };

    [Theory]
    [MemberData(nameof(BuiltInTable))]
    public void Each_mapped_exception_type_gives_its_type_and_severity_with_no_pattern(Exception error, ErrorType type, ErrorSeverity severity)
    {
        var classification = _classifier.Classify(error);

        Assert.Equal(new ErrorClassification(type, severity, null), classification);
    }

    public static TheoryData<Exception, ErrorType, ErrorSeverity> Subclasses => new()
    {
        { new ArgumentNullException("customerId", "Customer id is missing."), ErrorType.Validation, ErrorSeverity.Low },
        { new ArgumentOutOfRangeException("quantity", -1, "Quantity must be positive."), ErrorType.Validation, ErrorSeverity.Low },
        { new SlowReplicaException("replica 3 lagging"), ErrorType.Timeout, ErrorSeverity.Medium },
        { new ShardUnreachableException("shard 7"), ErrorType.Network, ErrorSeverity.Medium },
        { new DeadlockDbException("victim chosen"), ErrorType.Database, ErrorSeverity.High },
        { new InsufficientMemoryException("cannot reserve 2 GiB"), ErrorType.Resource, ErrorSeverity.Critical },
        { new ObjectDisposedException("OrderRepository"), ErrorType.Task, ErrorSeverity.Medium },
    };

    [Theory]
    [MemberData(nameof(Subclasses))]
    public void A_subclass_gets_the_mapping_of_its_nearest_mapped_base(Exception error, ErrorType type, ErrorSeverity severity)
    {
        var classification = _classifier.Classify(error);

        Assert.Equal(new ErrorClassification(type, severity, null), classification);
    }

    [Fact]
    public void An_unmapped_wrapper_is_classified_by_its_inner_exception()
    {
        var error = new ApplicationException("saving order 17 failed", new SocketException((int)SocketError.HostUnreachable));

        Assert.Equal(new ErrorClassification(ErrorType.Network, ErrorSeverity.Medium, null), _classifier.Classify(error));
    }

    [Fact]
    public void Inner_exceptions_are_walked_through_several_unmapped_wrappers()
    {
        var error = new ApplicationException("job 9 failed",
            new Exception("step 3 failed",
                new ApplicationException("save failed",
                    new FakeDbException("connection reset by peer"))));

        Assert.Equal(new ErrorClassification(ErrorType.Database, ErrorSeverity.High, null), _classifier.Classify(error));
    }

    [Fact]
    public void An_aggregate_exception_is_classified_by_its_first_inner_exception()
    {
        var error = new AggregateException(new OutOfMemoryException("heap exhausted"), new SocketException((int)SocketError.ConnectionReset));

        Assert.Equal(new ErrorClassification(ErrorType.Resource, ErrorSeverity.Critical, null), _classifier.Classify(error));
    }

    [Fact]
    public void The_outermost_mapped_exception_decides_before_its_inner_exceptions()
    {
        var error = new HttpRequestException("POST /orders failed", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(new ErrorClassification(ErrorType.Connection, ErrorSeverity.Medium, null), _classifier.Classify(error));
    }

    [Fact]
    public void An_unmapped_chain_is_unknown_and_medium()
    {
        var error = new ApplicationException("outer", new ApplicationException("inner"));

        Assert.Equal(new ErrorClassification(ErrorType.Unknown, ErrorSeverity.Medium, null), _classifier.Classify(error));
    }

    [Fact]
    public void A_null_exception_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => _classifier.Classify(null!));
    }

    private class FakeDbException(string message) : DbException(message);

    private sealed class DeadlockDbException(string message) : FakeDbException(message);

    private sealed class SlowReplicaException(string message) : TimeoutException(message);

    private sealed class ShardUnreachableException(string message) : SocketException((int)SocketError.HostUnreachable, message);
}
