using RecoveryCluster.Errors;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Contracts.Strategies;

public sealed class StrategyStatsKeyTests
{
    [Fact]
    public void Builds_the_type_name_a_slash_and_the_strategy_id()
    {
        Assert.Equal("database/retry", StrategyStatsKey.For(ErrorType.Database, StrategyIds.Retry));
        Assert.Equal("unknown/restart-pod", StrategyStatsKey.For(ErrorType.Unknown, "restart-pod"));
    }

    public static TheoryData<ErrorType, string> TypesAndIds()
    {
        var data = new TheoryData<ErrorType, string>();
        foreach (var type in Enum.GetValues<ErrorType>())
        {
            data.Add(type, StrategyIds.GracefulDegradation);
        }

        data.Add(ErrorType.Database, "Restart.Pod_v2");
        data.Add(ErrorType.Database, new string('s', Limits.MaxKeyLength - "database/".Length));
        return data;
    }

    [Theory]
    [MemberData(nameof(TypesAndIds))]
    public void Parse_gives_back_the_type_and_id_the_key_was_built_from(ErrorType type, string strategyId)
    {
        Assert.Equal((type, strategyId), StrategyStatsKey.Parse(StrategyStatsKey.For(type, strategyId)));
    }

    [Fact]
    public void Parse_reads_the_type_case_insensitively_and_maps_unknown_names_to_unknown()
    {
        Assert.Equal((ErrorType.Database, "retry"), StrategyStatsKey.Parse("DATABASE/retry"));
        Assert.Equal((ErrorType.Unknown, "retry"), StrategyStatsKey.Parse("quantum/retry"));
    }

    [Fact]
    public void Parse_splits_at_the_first_slash()
    {
        Assert.Equal((ErrorType.Network, "a/b"), StrategyStatsKey.Parse("network/a/b"));
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("/retry")]
    [InlineData("database/")]
    [InlineData("/")]
    public void Parse_rejects_a_key_without_both_parts(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => StrategyStatsKey.Parse(key));

        Assert.Equal("key", error.ParamName);
        Assert.Contains("{errorType}/{strategyId}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_rejects_a_blank_key(string key)
    {
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => StrategyStatsKey.Parse(key)).ParamName);
    }

    [Fact]
    public void Parse_rejects_null_keys_too_long_for_any_type_and_id_and_over_long_ids()
    {
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => StrategyStatsKey.Parse(null!)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => StrategyStatsKey.Parse(new string('k', StrategyStatsKey.MaxLength + 1))).ParamName);
        Assert.Equal("strategyId", Assert.Throws<ArgumentException>(() => StrategyStatsKey.Parse("database/" + new string('s', 257))).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void For_rejects_a_blank_strategy_id(string strategyId)
    {
        Assert.Equal("strategyId", Assert.Throws<ArgumentException>(() => StrategyStatsKey.For(ErrorType.Database, strategyId)).ParamName);
    }

    [Fact]
    public void For_rejects_a_null_or_overlong_strategy_id()
    {
        Assert.Equal("strategyId", Assert.Throws<ArgumentNullException>(() => StrategyStatsKey.For(ErrorType.Database, null!)).ParamName);
        Assert.Equal("strategyId", Assert.Throws<ArgumentException>(() => StrategyStatsKey.For(ErrorType.Database, new string('s', 257))).ParamName);
    }

    [Fact]
    public void A_key_built_from_any_id_the_catalog_accepts_parses_back()
    {
        var longestId = new string('s', Limits.MaxKeyLength);

        Assert.Equal((ErrorType.Coordinator, longestId), StrategyStatsKey.Parse(StrategyStatsKey.For(ErrorType.Coordinator, longestId)));
    }
}
