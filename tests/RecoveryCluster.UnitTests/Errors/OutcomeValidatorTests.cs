using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Errors;

public sealed class OutcomeValidatorTests
{
    private static readonly StrategyCatalog Catalog = new([]);

    private static readonly IssuedPlan FirstPlan = new() { Attempt = 1, Episode = 1, Level = RecoveryLevel.Basic, StrategyId = StrategyIds.Retry };
    private static readonly IssuedPlan SecondPlan = new() { Attempt = 2, Episode = 1, Level = RecoveryLevel.Enhanced, StrategyId = StrategyIds.Fallback };
    private static readonly IssuedPlan[] Issued = [FirstPlan, SecondPlan];

    private static readonly RecoveryOutcome Valid = new(
        StrategyIds.Retry,
        Success: true,
        ExecutionTime: TimeSpan.FromSeconds(2),
        AffectedTasks: 4,
        RecoveredTasks: 3,
        Before: new ResourceUsage(CpuPercent: 40, MemoryPercent: 50, ProcessCpuPercent: 150, ProcessMemoryMb: 512, NetworkBytes: 1024),
        After: new ResourceUsage(CpuPercent: 45, MemoryPercent: 55),
        StabilityScore: 0.9,
        HardwareId: "host-a");

    private static IssuedPlan Validate(RecoveryOutcome outcome, int attempt = 1) =>
        OutcomeValidator.Validate(attempt, outcome, Issued, Catalog);

    private static TException Rejects<TException>(RecoveryOutcome outcome, string field, int attempt = 1)
        where TException : ArgumentException
    {
        var error = Assert.Throws<TException>(() => Validate(outcome, attempt));
        Assert.Equal(field, error.ParamName);
        return error;
    }

    [Fact]
    public void Returns_the_plan_the_outcome_answers()
    {
        Assert.Same(FirstPlan, Validate(Valid));
        Assert.Same(SecondPlan, Validate(Valid with { StrategyId = StrategyIds.Fallback }, attempt: 2));
    }

    [Fact]
    public void Accepts_boundary_values_and_missing_optional_measurements()
    {
        Validate(Valid with
        {
            ExecutionTime = TimeSpan.Zero,
            AffectedTasks = 0,
            RecoveredTasks = 0,
            StabilityScore = null,
            Before = null,
            After = null,
            HardwareId = null,
        });
        Validate(Valid with { AffectedTasks = 5, RecoveredTasks = 5, StabilityScore = 0 });
        Validate(Valid with { StabilityScore = 1, Before = new ResourceUsage(0, 0), After = new ResourceUsage(100, 100) });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Rejects_an_attempt_that_is_not_positive(int attempt)
    {
        Rejects<ArgumentOutOfRangeException>(Valid, "attempt", attempt);
    }

    [Fact]
    public void Rejects_an_attempt_the_error_never_issued()
    {
        var error = Rejects<ArgumentException>(Valid, "attempt", attempt: 3);

        Assert.Contains("3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_any_attempt_when_no_plan_was_issued()
    {
        var error = Assert.Throws<ArgumentException>(() => OutcomeValidator.Validate(1, Valid, [], Catalog));

        Assert.Equal("attempt", error.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Rejects_a_blank_strategy_id(string? strategyId)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Validate(Valid with { StrategyId = strategyId! }));

        Assert.Equal("strategyId", error.ParamName);
    }

    [Fact]
    public void Rejects_an_overlong_strategy_id()
    {
        Rejects<ArgumentException>(Valid with { StrategyId = new string('s', Limits.MaxKeyLength + 1) }, "strategyId");
    }

    [Fact]
    public void Rejects_a_strategy_the_catalog_does_not_know()
    {
        var error = Rejects<ArgumentException>(Valid with { StrategyId = "teleport" }, "strategyId");

        Assert.Contains("'teleport'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_outcome_whose_strategy_differs_from_the_planned_one()
    {
        var error = Rejects<ArgumentException>(Valid with { StrategyId = StrategyIds.Reconnect }, "strategyId", attempt: 1);

        Assert.Contains("'reconnect'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'retry'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_negative_or_infinite_execution_time()
    {
        Rejects<ArgumentOutOfRangeException>(Valid with { ExecutionTime = TimeSpan.FromTicks(-1) }, "executionTime");
        Rejects<ArgumentOutOfRangeException>(Valid with { ExecutionTime = TimeSpan.MaxValue }, "executionTime");
    }

    [Fact]
    public void Rejects_negative_task_counts()
    {
        Rejects<ArgumentOutOfRangeException>(Valid with { AffectedTasks = -1, RecoveredTasks = 0 }, "affectedTasks");
        Rejects<ArgumentOutOfRangeException>(Valid with { RecoveredTasks = -1 }, "recoveredTasks");
    }

    [Fact]
    public void Rejects_more_recovered_tasks_than_affected()
    {
        var error = Rejects<ArgumentException>(Valid with { AffectedTasks = 4, RecoveredTasks = 5 }, "recoveredTasks");

        Assert.Contains("affectedTasks", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void Rejects_a_stability_score_outside_zero_to_one(double stability)
    {
        Rejects<ArgumentOutOfRangeException>(Valid with { StabilityScore = stability }, "stabilityScore");
    }

    public static TheoryData<string, string, double> BadUsage()
    {
        var data = new TheoryData<string, string, double>();
        foreach (var side in new[] { "before", "after" })
        {
            foreach (var field in new[] { "cpuPercent", "memoryPercent" })
            {
                foreach (var value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1, 100.5 })
                {
                    data.Add(side, field, value);
                }
            }

            foreach (var field in new[] { "processCpuPercent", "processMemoryMb" })
            {
                foreach (var value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.5 })
                {
                    data.Add(side, field, value);
                }
            }

            data.Add(side, "networkBytes", -1);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadUsage))]
    public void Rejects_a_resource_reading_that_is_not_finite_or_out_of_range(string side, string field, double value)
    {
        var good = new ResourceUsage(CpuPercent: 10, MemoryPercent: 10);
        var bad = field switch
        {
            "cpuPercent" => good with { CpuPercent = value },
            "memoryPercent" => good with { MemoryPercent = value },
            "processCpuPercent" => good with { ProcessCpuPercent = value },
            "processMemoryMb" => good with { ProcessMemoryMb = value },
            "networkBytes" => good with { NetworkBytes = (long)value },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "No such usage field."),
        };
        var outcome = side == "before" ? Valid with { Before = bad, After = good } : Valid with { Before = good, After = bad };

        Rejects<ArgumentOutOfRangeException>(outcome, $"{side}.{field}");
    }

    [Fact]
    public void Accepts_process_cpu_above_one_hundred_percent()
    {
        // A process may use several cores; only the machine-wide percentages are bounded by 100.
        Validate(Valid with { Before = new ResourceUsage(10, 10, ProcessCpuPercent: 350, ProcessMemoryMb: 1e6, NetworkBytes: long.MaxValue) });
    }

    [Theory]
    [InlineData('h', 0)]
    [InlineData(' ', 1)]
    [InlineData('h', 257)]
    public void Rejects_a_blank_or_overlong_hardware_id(char fill, int length)
    {
        Rejects<ArgumentException>(Valid with { HardwareId = new string(fill, length) }, "hardwareId");
    }

    [Fact]
    public void Rejects_a_null_outcome()
    {
        Assert.Throws<ArgumentNullException>(() => OutcomeValidator.Validate(1, null!, Issued, Catalog));
    }

    [Fact]
    public void Checks_the_fields_before_looking_up_the_attempt()
    {
        // A bad field is reported as such even when the attempt is unknown too.
        Rejects<ArgumentOutOfRangeException>(Valid with { ExecutionTime = TimeSpan.FromSeconds(-1) }, "executionTime", attempt: 99);
    }
}
