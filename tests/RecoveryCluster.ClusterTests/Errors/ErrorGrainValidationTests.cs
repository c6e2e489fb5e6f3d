using RecoveryCluster.Errors;

namespace RecoveryCluster.ClusterTests.Errors;

[Collection(ClusterCollection.Name)]
public sealed class ErrorGrainValidationTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    [Fact]
    public async Task A_report_sent_to_the_wrong_grain_is_rejected_and_creates_nothing()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("billing"));
        var wrong = Client.GetGrain<IErrorGrain>("database-0000000000000000");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => wrong.ReportAsync(occurrence));
        error.AssertNamesField("errorId");
        Assert.Null(await wrong.GetReportAsync());
    }

    [Theory]
    [InlineData("component")]
    [InlineData("operation")]
    [InlineData("workerId")]
    public async Task Over_long_names_are_rejected_with_the_field_named(string field)
    {
        var component = Failures.NewComponent("billing");
        var tooLong = new string('x', 257);
        var occurrence = field switch
        {
            "component" => Failures.Occurrence(tooLong),
            "operation" => Failures.Occurrence(component, operation: tooLong),
            _ => Failures.Occurrence(component, worker: tooLong),
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.ReportAsync(occurrence));
        error.AssertNamesField(field);
        Assert.Null(await Client.Grain(occurrence).GetReportAsync());
    }

    [Fact]
    public async Task A_rejected_outcome_changes_no_state()
    {
        var occurrence = Failures.Occurrence(Failures.NewComponent("billing"), type: ErrorType.Validation);
        var plan = (await Client.ReportAsync(occurrence)).Plan!;
        var grain = Client.Grain(occurrence);
        var before = await grain.GetReportAsync();

        var otherStrategy = plan.StrategyId == "retry" ? "fallback" : "retry";
        var cases = new (RecoveryOutcome Outcome, int Attempt, string Field)[]
        {
            (Failures.Outcome(plan, true) with { StrategyId = otherStrategy }, plan.Attempt, "strategyId"),
            (Failures.Outcome(plan, true) with { StrategyId = "no-such-strategy" }, plan.Attempt, "strategyId"),
            (Failures.Outcome(plan, true) with { ExecutionTime = TimeSpan.FromSeconds(-1) }, plan.Attempt, "executionTime"),
            (Failures.Outcome(plan, true) with { AffectedTasks = 2, RecoveredTasks = 3 }, plan.Attempt, "recoveredTasks"),
            (Failures.Outcome(plan, true) with { AffectedTasks = -1 }, plan.Attempt, "affectedTasks"),
            (Failures.Outcome(plan, true) with { StabilityScore = double.NaN }, plan.Attempt, "stabilityScore"),
            (Failures.Outcome(plan, true) with { Before = new ResourceUsage(double.PositiveInfinity, 10) }, plan.Attempt, "before.cpuPercent"),
            (Failures.Outcome(plan, true), plan.Attempt + 7, "attempt"),
        };

        foreach (var (outcome, attempt, field) in cases)
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.RecordOutcomeAsync(attempt, outcome));
            error.AssertNamesField(field);
        }

        var after = await grain.GetReportAsync();
        Assert.Equal(before!.RetryCount, after!.RetryCount);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.CurrentLevel, after.CurrentLevel);
        Assert.Equal(before.LevelHistory.Count, after.LevelHistory.Count);
    }

    [Fact]
    public async Task An_outcome_for_an_error_never_reported_is_refused()
    {
        var grain = Client.GetGrain<IErrorGrain>("network-1234567890abcdef");
        // Its own type, so a worker whose plan came from a cluster that since restarted in memory can tell the case apart.
        var refused = await Assert.ThrowsAsync<ErrorNotReportedException>(() =>
            grain.RecordOutcomeAsync(1, new RecoveryOutcome("retry", true, TimeSpan.FromSeconds(1))));
        Assert.Contains("network-1234567890abcdef", refused.Message, StringComparison.Ordinal);
    }
}
