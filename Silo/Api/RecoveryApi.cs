using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RecoveryCluster.Errors;
using RecoveryCluster.Grains;
using RecoveryCluster.Grains.Analytics;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.History;
using RecoveryCluster.Grains.Options;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.History;
using RecoveryCluster.Silo.Api.Contracts;
using RecoveryCluster.Silo.Audit;
using RecoveryCluster.Silo.Security;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.Silo.Api;

/// <summary><c>/api/recovery</c>: metrics, recommendations, history, the analytics page's series and reset.</summary>
public static class RecoveryApi
{
    private const int MaxHistoryLimit = 10_000;
    private const int SecondaryMetricsRecords = 20_000;

    public static RouteGroupBuilder MapRecoveryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/recovery").WithTags("Recovery").RequireAuthorization(ApiPolicies.Reader);
        group.MapGet("/metrics", MetricsAsync);
        group.MapGet("/recommendations/{errorType}", RecommendationsAsync);
        group.MapGet("/history", HistoryAsync);
        group.MapGet("/trends", TrendsAsync);
        group.MapGet("/heatmap", HeatmapAsync);
        group.MapGet("/errors", ErrorsBehindAsync);
        group.MapPost("/reset", ResetAsync).AuditedAs(OperatorActions.ResetRecovery);
        return group;
    }

    public static async Task<Results<Ok<RecoveryMetrics>, ValidationProblem>> MetricsAsync(
        string? errorType, string? strategyId, int? days, IRecoveryHistoryStore history, IErrorList errorList, RecoveryClock clock)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var type = ApiValidation.ErrorType(errorType, "errorType", errors);
        ApiValidation.OptionalKey(strategyId, "strategyId", errors);
        Days(days, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var since = days is { } d ? clock.UtcNow - TimeSpan.FromDays(d) : (DateTimeOffset?)null;
        var metrics = await history.MetricsAsync(type, strategyId, since);

        // The secondary figures come from the most recent attempts (all of them in dev mode, whose history is bounded).
        var recent = await history.QueryAsync(type, new HistoryQuery(strategyId, since, SecondaryMetricsRecords));
        return TypedResults.Ok(metrics with { Secondary = await SecondaryMetricsSource.ComputeAsync(errorList, type, recent) });
    }

    /// <summary>
    /// Every strategy for the error type, best first; with <c>?hardwareId=</c>, ranked for that machine as the planner
    /// chooses there (<see cref="HardwareRanking"/>), each with its figures on it.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<RecommendationResponse>>, ProblemHttpResult, ValidationProblem>> RecommendationsAsync(
        string errorType, string? hardwareId, IGrainFactory grains, SiloStrategyScores scores, RecoveryClock clock, IOptionsMonitor<TrendOptions> trends,
        IOptionsMonitor<RecoveryOptions> recovery, IRecoveryHistoryStore history)
    {
        var type = ErrorTypeNames.Parse(errorType);
        if (type == ErrorType.Unknown && !string.Equals(errorType, "unknown", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                $"There is no error type '{ApiProblems.Shorten(errorType)}'; known types: {string.Join(", ", ErrorTypeNames.All.Select(t => t.ToName()))}.",
                statusCode: StatusCodes.Status404NotFound, title: "Unknown error type");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ApiValidation.OptionalKey(hardwareId, "hardwareId", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // What this silo's errors handed on reaches the statistics first, so a worker reading back through the silo it
        // reported to sees its own outcomes.
        await scores.FlushAsync();
        var ranked = await grains.GetGrain<IRecoveryAdvisorGrain>(type.ToName()).GetRecommendationsAsync();
        if (hardwareId is not null)
        {
            ranked = HardwareRanking.Rank(ranked, hardwareId, recovery.CurrentValue.MinSamplesForScore);
        }

        // Stability is not kept per time bucket by the statistics grains, so its trend is read from the recent history.
        var now = clock.UtcNow;
        var trendRules = trends.CurrentValue;
        var recent = await history.QueryAsync(type, new HistoryQuery(Limit: SecondaryMetricsRecords));
        var byStrategy = recent.ToLookup(r => r.StrategyId, StringComparer.Ordinal);
        IReadOnlyList<RecommendationResponse> response = [.. ranked.Select(r => RecommendationResponse.From(r)
            .WithTrends(r, now, trendRules)
            .WithStabilityTrend(StabilityTrend.Detect(type.ToName(), r.Strategy.Id, byStrategy[r.Strategy.Id], now, trendRules)) with
        {
            Hardware = hardwareId is null ? null : HardwareRanking.On(r, hardwareId),
        })];
        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<IReadOnlyList<RecoveryRecord>>, ValidationProblem>> HistoryAsync(
        string? errorType, string? strategyId, DateTimeOffset? since, int? limit, IRecoveryHistoryStore history)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var type = ApiValidation.ErrorType(errorType, "errorType", errors);
        ApiValidation.OptionalKey(strategyId, "strategyId", errors);
        var take = ApiValidation.Limit(limit, errors, MaxHistoryLimit);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await history.QueryAsync(type, new HistoryQuery(strategyId, since, take)));
    }

    /// <summary>
    /// Attempts over the last <c>days</c> (1 by default) bucketed by <c>minute</c>, <c>hour</c> (the default) or
    /// <c>day</c>: success, impact and stability, success per strategy, and time per level.
    /// </summary>
    public static async Task<Results<Ok<TrendsResponse>, ValidationProblem>> TrendsAsync(
        string? bucket, int? days, string? errorType, string? strategyId, IRecoveryHistoryStore history, RecoveryClock clock)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var type = ApiValidation.ErrorType(errorType, "errorType", errors);
        ApiValidation.OptionalKey(strategyId, "strategyId", errors);
        Days(days, errors);
        var name = bucket ?? "hour";
        if (!ChartBuckets.Sizes.TryGetValue(name, out var size))
        {
            errors["bucket"] = [$"'{ApiProblems.Shorten(name)}' is not a bucket size; use one of: {string.Join(", ", ChartBuckets.Sizes.Keys)}."];
        }
        else if (TimeSpan.FromDays(days ?? 1) / size > ChartBuckets.MaxBuckets)
        {
            errors["bucket"] = [$"{days} days in {name} buckets is more than {ChartBuckets.MaxBuckets} buckets; choose a larger bucket or fewer days."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var to = clock.UtcNow;
        var from = to - TimeSpan.FromDays(days ?? 1);
        var records = await history.QueryAsync(type, new HistoryQuery(strategyId, from, SecondaryMetricsRecords));
        var series = RecoveryTimeSeries.Compute(records, size);
        return TypedResults.Ok(new TrendsResponse(name, from, to, records.Count, records.Count == SecondaryMetricsRecords, series.Points, series.Levels));
    }

    /// <summary>The error type × level cells (attempts, errors, successes, mean impact) over the last <c>days</c>, or all the history kept.</summary>
    public static async Task<Results<Ok<HeatmapResponse>, ValidationProblem>> HeatmapAsync(
        int? days, string? errorType, IRecoveryHistoryStore history, RecoveryClock clock)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var type = ApiValidation.ErrorType(errorType, "errorType", errors);
        Days(days, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var to = clock.UtcNow;
        var from = days is { } d ? to - TimeSpan.FromDays(d) : (DateTimeOffset?)null;
        var records = await history.QueryAsync(type, new HistoryQuery(Since: from, Limit: SecondaryMetricsRecords));
        return TypedResults.Ok(new HeatmapResponse(from, to, records.Count, records.Count == SecondaryMetricsRecords, LevelHeatmap.Compute(records)));
    }

    /// <summary>
    /// The errors behind a chart's cell or point: those with attempts matching every filter given (error type, level,
    /// strategy, and <c>from</c> ≤ timestamp &lt; <c>to</c>), the most recently attempted first.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<ErrorBehind>>, ValidationProblem>> ErrorsBehindAsync(
        string? errorType, int? level, string? strategyId, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        IRecoveryHistoryStore history, IErrorList errorList)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var type = ApiValidation.ErrorType(errorType, "errorType", errors);
        ApiValidation.OptionalKey(strategyId, "strategyId", errors);
        var take = ApiValidation.Limit(limit, errors);
        if (level is < 1 or > 5)
        {
            errors["level"] = ["'level' must lie between 1 and 5."];
        }

        if (from is { } f && to is { } t && t <= f)
        {
            errors["to"] = ["'to' must come after 'from'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var records = await history.QueryAsync(type, new HistoryQuery(strategyId, from, SecondaryMetricsRecords));
        var matching = records.Where(r => (level is null || (int)r.Level == level) && (to is null || r.Timestamp < to)).ToArray();
        var summaries = await errorList.FindAsync(matching.Select(r => r.ErrorId).ToHashSet(StringComparer.Ordinal), type);
        return TypedResults.Ok(ErrorsBehind.Select(matching, summaries, take));
    }

    private static void Days(int? days, Dictionary<string, string[]> errors)
    {
        if (days is < 1 or > 3650)
        {
            errors["days"] = ["'days' must lie between 1 and 3650."];
        }
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetAsync(
        ResetRequest request, IGrainFactory grains, IRecoveryHistoryStore history)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.ErrorId is null && request.ErrorType is null)
        {
            errors["errorId"] = ["Name an 'errorId', an 'errorType', or both."];
        }

        ApiValidation.OptionalKey(request.ErrorId, "errorId", errors);
        var type = ApiValidation.ErrorType(request.ErrorType, "errorType", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (request.ErrorId is { } errorId)
        {
            var grain = grains.GetGrain<IErrorGrain>(errorId);
            if (await grain.GetReportAsync() is null)
            {
                return ApiProblems.UnknownError(errorId);
            }

            await grain.ResolveAsync();
        }

        if (type is { } t)
        {
            var strategies = await grains.GetGrain<IRecoveryAdvisorGrain>(t.ToName()).GetStrategiesAsync();
            // The history first: a statistics grain that reactivates meanwhile must not rebuild from it.
            await history.ResetAsync(t);
            await Task.WhenAll(strategies.Select(s => grains.GetGrain<IStrategyStatsGrain>(StrategyStatsKey.For(t, s.Id)).ResetAsync()));
        }

        return TypedResults.NoContent();
    }
}
