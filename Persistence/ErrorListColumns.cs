using Npgsql;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Persistence;

/// <summary>The summary columns of <c>error_state</c>: how a state becomes them and how a row becomes a summary.</summary>
public static class ErrorListColumns
{
    /// <summary>The columns in the order <see cref="Read"/> expects them.</summary>
    public const string Select = """
        error_id, error_type, severity, component, operation, message, status, level, aggregated_count, first_seen,
        last_seen, regressions, revision
        """;

    public static string Name(ErrorStatus status) => status.ToString().ToLowerInvariant();

    public static string Name(ErrorSeverity severity) => severity.ToString().ToLowerInvariant();

    public static ErrorSummary Read(NpgsqlDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ErrorSummary(
            row.GetString(0),
            ErrorTypeNames.Parse(row.GetString(1)),
            Enum.Parse<ErrorSeverity>(row.GetString(2), ignoreCase: true),
            row.GetString(3),
            row.GetString(4),
            row.GetString(5),
            Enum.Parse<ErrorStatus>(row.GetString(6), ignoreCase: true),
            row.IsDBNull(7) ? null : (RecoveryLevel)row.GetInt16(7),
            row.GetInt64(8),
            row.GetFieldValue<DateTimeOffset>(9),
            row.GetFieldValue<DateTimeOffset>(10),
            row.GetInt32(11),
            row.GetInt64(12));
    }

    /// <summary>Adds the summary columns as arrays, one parameter per column in <see cref="Select"/>'s order after the id.</summary>
    public static void AddParameters(NpgsqlCommand command, IReadOnlyList<ErrorSummary> lines)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(lines);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. lines.Select(l => l.Type.ToName())] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. lines.Select(l => Name(l.Severity))] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. lines.Select(l => l.Component)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. lines.Select(l => l.Operation)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. lines.Select(l => l.Message)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. lines.Select(l => Name(l.Status))] });
        command.Parameters.Add(new NpgsqlParameter<short?[]> { TypedValue = [.. lines.Select(l => (short?)l.CurrentLevel)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. lines.Select(l => l.AggregatedCount)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. lines.Select(l => l.FirstSeen)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. lines.Select(l => l.LastSeen)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. lines.Select(l => l.Regressions)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. lines.Select(l => l.Revision)] });
    }
}
