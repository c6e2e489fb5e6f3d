using System.Text.Json;

namespace RecoveryCluster.Persistence;

/// <summary>JSON of the history's jsonb columns: camelCase, as the HTTP API speaks.</summary>
internal static class HistoryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
