using RecoveryCluster.Errors;
using RecoveryCluster.Grains.Errors;
using RecoveryCluster.Grains.Strategies;
using RecoveryCluster.Strategies;

namespace RecoveryCluster.UnitTests.Errors;

public sealed class OccurrenceValidatorTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly ErrorOccurrence Valid = new(
        ErrorType.Database,
        ErrorSeverity.High,
        "connection reset after 30 ms",
        "System.IO.IOException",
        new ErrorContext("orders-db", "SaveOrder", "worker-1", HardwareId: "host-a", TaskIds: ["task-1"], Tags: new Dictionary<string, string> { ["region"] = "eu" }),
        At);

    /// <summary>Validates against the occurrence's own fingerprint, so only the field under test can fail.</summary>
    private static void ValidateOwn(ErrorOccurrence occurrence) =>
        OccurrenceValidator.Validate(occurrence, ErrorFingerprint.Compute(occurrence));

    private static ErrorOccurrence WithContext(Func<ErrorContext, ErrorContext> change) => Valid with { Context = change(Valid.Context) };

    private static ErrorOccurrence WithKey(string field, string? value) => field switch
    {
        "component" => WithContext(c => c with { Component = value! }),
        "operation" => WithContext(c => c with { Operation = value! }),
        "workerId" => WithContext(c => c with { WorkerId = value! }),
        "hardwareId" => WithContext(c => c with { HardwareId = value }),
        "exceptionType" => Valid with { ExceptionType = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "No such key field."),
    };

    public static TheoryData<string, string?> BadKeys()
    {
        var data = new TheoryData<string, string?>();
        foreach (var field in new[] { "component", "operation", "workerId" })
        {
            data.Add(field, null);
            data.Add(field, "");
            data.Add(field, "   ");
            data.Add(field, new string('k', Limits.MaxKeyLength + 1));
            data.Add(field, "orders\u0000db");
            data.Add(field, "\u001b[31mred");
            data.Add(field, "ring\u0007");
            data.Add(field, "tab\tbed");
        }

        foreach (var field in new[] { "hardwareId", "exceptionType" })
        {
            data.Add(field, "");
            data.Add(field, " ");
            data.Add(field, new string('k', Limits.MaxKeyLength + 1));
            data.Add(field, "host\u0000a");
        }

        return data;
    }

    [Fact]
    public void Accepts_a_well_formed_occurrence_under_its_fingerprint()
    {
        OccurrenceValidator.Validate(Valid, ErrorFingerprint.Compute(Valid));
    }

    [Fact]
    public void Accepts_a_repeat_whose_numbers_differ_under_the_first_ones_fingerprint()
    {
        var repeat = Valid with { Message = "connection reset after 4711 ms" };

        OccurrenceValidator.Validate(repeat, ErrorFingerprint.Compute(Valid));
    }

    [Fact]
    public void Accepts_fields_at_their_limits_and_optional_fields_left_out()
    {
        var atLimits = Valid with
        {
            Message = new string('m', Limits.MaxMessageLength),
            ExceptionType = null,
            Context = new ErrorContext(
                new string('c', Limits.MaxKeyLength),
                new string('o', Limits.MaxKeyLength),
                new string('w', Limits.MaxKeyLength),
                HardwareId: null,
                TaskIds: Enumerable.Range(0, Limits.MaxCollectionItems).Select(i => $"task-{i}").ToArray(),
                Tags: Enumerable.Range(0, Limits.MaxCollectionItems).ToDictionary(i => $"tag-{i}", _ => new string('v', Limits.MaxKeyLength))),
        };

        ValidateOwn(atLimits);
        ValidateOwn(Valid with { Message = "", Context = Valid.Context with { TaskIds = null, Tags = null } });
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Rejects_a_blank_or_overlong_key_naming_the_field(string field, string? value)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => ValidateOwn(WithKey(field, value)));

        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Rejects_a_null_message()
    {
        var error = Assert.Throws<ArgumentNullException>(() => OccurrenceValidator.Validate(Valid with { Message = null! }, "database-0000000000000000"));

        Assert.Equal("message", error.ParamName);
    }

    [Fact]
    public void Rejects_a_message_longer_than_8192_characters()
    {
        var error = Assert.Throws<ArgumentException>(() => ValidateOwn(Valid with { Message = new string('m', Limits.MaxMessageLength + 1) }));

        Assert.Equal("message", error.ParamName);
        Assert.Contains("8193", error.Message, StringComparison.Ordinal);
        Assert.Contains("8192", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_undefined_type_or_severity()
    {
        Assert.Equal("type", Assert.Throws<ArgumentOutOfRangeException>(() => ValidateOwn(Valid with { Type = (ErrorType)99 })).ParamName);
        Assert.Equal("severity", Assert.Throws<ArgumentOutOfRangeException>(() => ValidateOwn(Valid with { Severity = (ErrorSeverity)99 })).ParamName);
    }

    [Fact]
    public void Rejects_a_missing_context()
    {
        var error = Assert.Throws<ArgumentNullException>(() => OccurrenceValidator.Validate(Valid with { Context = null! }, "database-0000000000000000"));

        Assert.Equal("context", error.ParamName);
    }

    [Fact]
    public void Rejects_a_null_occurrence()
    {
        Assert.Throws<ArgumentNullException>(() => OccurrenceValidator.Validate(null!, "database-0000000000000000"));
    }

    [Fact]
    public void Rejects_more_than_1024_task_ids()
    {
        var tasks = Enumerable.Range(0, Limits.MaxCollectionItems + 1).Select(i => $"task-{i}").ToArray();

        var error = Assert.Throws<ArgumentException>(() => ValidateOwn(WithContext(c => c with { TaskIds = tasks })));

        Assert.Equal("taskIds", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void Rejects_a_blank_task_id(string? task)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => ValidateOwn(WithContext(c => c with { TaskIds = ["task-1", task!] })));

        Assert.Equal("taskIds", error.ParamName);
    }

    [Fact]
    public void Rejects_an_overlong_task_id()
    {
        var error = Assert.Throws<ArgumentException>(() => ValidateOwn(WithContext(c => c with { TaskIds = [new string('t', Limits.MaxKeyLength + 1)] })));

        Assert.Equal("taskIds", error.ParamName);
    }

    [Fact]
    public void Rejects_more_than_1024_tags()
    {
        var tags = Enumerable.Range(0, Limits.MaxCollectionItems + 1).ToDictionary(i => $"tag-{i}", _ => "v");

        var error = Assert.Throws<ArgumentException>(() => ValidateOwn(WithContext(c => c with { Tags = tags })));

        Assert.Equal("tags", error.ParamName);
    }

    [Theory]
    [InlineData(" ", 1)]
    [InlineData("region", -1)] // -1: a null value
    [InlineData("region", 257)]
    public void Rejects_a_blank_tag_key_or_a_missing_or_overlong_tag_value(string key, int valueLength)
    {
        var value = valueLength < 0 ? null : new string('v', valueLength);
        var tags = new Dictionary<string, string> { [key] = value! };

        var error = Assert.ThrowsAny<ArgumentException>(() => ValidateOwn(WithContext(c => c with { Tags = tags })));

        Assert.Equal("tags", error.ParamName);
    }

    [Fact]
    public void Rejects_an_occurrence_reported_under_another_fingerprint()
    {
        var expected = ErrorFingerprint.Compute(Valid);
        var other = ErrorFingerprint.Compute(Valid with { Context = Valid.Context with { Component = "payments-db" } });

        var error = Assert.Throws<ArgumentException>(() => OccurrenceValidator.Validate(Valid, other));

        Assert.Equal("errorId", error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(other, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_occurrence_whose_type_differs_from_the_fingerprint()
    {
        var error = Assert.Throws<ArgumentException>(
            () => OccurrenceValidator.Validate(Valid with { Type = ErrorType.Network }, ErrorFingerprint.Compute(Valid)));

        Assert.Equal("errorId", error.ParamName);
    }

    [Fact]
    public void Unknown_call_feature_flags_are_refused_with_the_field_named()
    {
        var error = Assert.Throws<ArgumentException>(() => ValidateOwn(WithContext(c => c with { Features = (RecoveryCluster.Strategies.CallFeatures)64 })));

        Assert.Equal("features", error.ParamName);
        ValidateOwn(WithContext(c => c with { Features = RecoveryCluster.Strategies.CallFeatures.Fallback | RecoveryCluster.Strategies.CallFeatures.Compensation }));
    }

    [Theory]
    [InlineData("region\u0000")]
    [InlineData("\u001bregion")]
    public void A_tag_key_or_value_with_a_control_character_is_refused_naming_tags(string text)
    {
        Assert.Equal("tags", Assert.Throws<ArgumentException>(() => ValidateOwn(WithContext(c => c with { Tags = new Dictionary<string, string> { [text] = "eu" } }))).ParamName);
        Assert.Equal("tags", Assert.Throws<ArgumentException>(() => ValidateOwn(WithContext(c => c with { Tags = new Dictionary<string, string> { ["region"] = text } }))).ParamName);
    }

    [Fact]
    public void A_nul_in_the_message_is_refused_while_line_breaks_and_tabs_are_kept()
    {
        Assert.Equal("message", Assert.Throws<ArgumentException>(() => ValidateOwn(Valid with { Message = "reset\u0000by peer" })).ParamName);
        ValidateOwn(Valid with { Message = "reset by peer\n\tat Db.Open()" });
    }

    [Fact]
    public void Accepts_a_pattern_with_a_preferred_strategy_the_catalog_has()
    {
        var occurrence = Valid with { PatternId = "schema-drift", PreferredStrategy = StrategyIds.ErrorCorrection };

        OccurrenceValidator.Validate(occurrence, ErrorFingerprint.Compute(occurrence), new StrategyCatalog([]));
    }

    [Fact]
    public void Rejects_a_preferred_strategy_the_catalog_does_not_have_naming_the_field()
    {
        var occurrence = Valid with { PatternId = "schema-drift", PreferredStrategy = "reboot-datacenter" };

        var error = Assert.Throws<ArgumentException>(() => OccurrenceValidator.Validate(occurrence, ErrorFingerprint.Compute(occurrence), new StrategyCatalog([])));

        Assert.Equal("preferredStrategy", error.ParamName);
        Assert.Contains("'reboot-datacenter'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_preferred_strategy_without_the_pattern_that_names_it()
    {
        var error = Assert.Throws<ArgumentException>(() => ValidateOwn(Valid with { PreferredStrategy = StrategyIds.Retry }));

        Assert.Equal("preferredStrategy", error.ParamName);
    }

    [Theory]
    [InlineData("patternId", "")]
    [InlineData("patternId", "schema\u0007drift")]
    [InlineData("preferredStrategy", " ")]
    [InlineData("preferredStrategy", "retry\u0000")]
    public void Rejects_a_blank_or_unprintable_pattern_id_or_preferred_strategy_naming_the_field(string field, string value)
    {
        var occurrence = field == "patternId"
            ? Valid with { PatternId = value }
            : Valid with { PatternId = "schema-drift", PreferredStrategy = value };

        Assert.Equal(field, Assert.ThrowsAny<ArgumentException>(() => ValidateOwn(occurrence)).ParamName);
    }
}
