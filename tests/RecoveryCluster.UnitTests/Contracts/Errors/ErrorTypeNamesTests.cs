using RecoveryCluster.Errors;

namespace RecoveryCluster.UnitTests.Contracts.Errors;

public sealed class ErrorTypeNamesTests
{
    [Theory]
    [InlineData(ErrorType.Unknown, "unknown")]
    [InlineData(ErrorType.Network, "network")]
    [InlineData(ErrorType.Connection, "connection")]
    [InlineData(ErrorType.Timeout, "timeout")]
    [InlineData(ErrorType.Worker, "worker")]
    [InlineData(ErrorType.Task, "task")]
    [InlineData(ErrorType.Database, "database")]
    [InlineData(ErrorType.Coordinator, "coordinator")]
    [InlineData(ErrorType.Resource, "resource")]
    [InlineData(ErrorType.Hardware, "hardware")]
    [InlineData(ErrorType.System, "system")]
    [InlineData(ErrorType.Validation, "validation")]
    public void Every_type_has_a_lower_case_name_that_parses_back(ErrorType type, string name)
    {
        Assert.Equal(name, type.ToName());
        Assert.Equal(type, ErrorTypeNames.Parse(name));
    }

    [Theory]
    [InlineData("DATABASE")]
    [InlineData("Database")]
    [InlineData("dAtAbAsE")]
    [InlineData("  database\t")]
    public void Parses_names_case_insensitively_and_ignores_surrounding_space(string name)
    {
        Assert.Equal(ErrorType.Database, ErrorTypeNames.Parse(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("quantum")]
    [InlineData("6")]
    [InlineData("data base")]
    [InlineData("databases")]
    public void Maps_null_blank_and_unrecognised_names_to_unknown_without_throwing(string? name)
    {
        Assert.Equal(ErrorType.Unknown, ErrorTypeNames.Parse(name));
    }

    [Fact]
    public void An_undefined_type_is_named_unknown()
    {
        Assert.Equal("unknown", ((ErrorType)99).ToName());
    }

    [Fact]
    public void All_lists_every_defined_type_once()
    {
        Assert.Equal(Enum.GetValues<ErrorType>(), ErrorTypeNames.All);
        Assert.Equal(12, ErrorTypeNames.All.Count);
    }
}
