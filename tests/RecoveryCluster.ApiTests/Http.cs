using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace RecoveryCluster.ApiTests;

/// <summary>Small helpers for JSON over HTTP; responses are read as JSON nodes so tests check the wire shape itself.</summary>
public static class Http
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(this HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PostRawAsync(this HttpClient http, string path, string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await http.PostAsync(path, content);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> PutAsync(this HttpClient http, string path, object body)
    {
        using var response = await http.PutAsJsonAsync(path, body);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<JsonNode?> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>A report body for a unique error on <paramref name="component"/>.</summary>
    public static object Report(string component, string type = "database", string message = "connection reset after 30 ms", string? severity = null, string worker = "http-worker") =>
        new { type, severity, message, component, operation = "Save", workerId = worker, hardwareId = "host-a", taskIds = new[] { "t1", "t2" } };

    public static void AssertProblem(HttpStatusCode expected, (HttpStatusCode Status, JsonNode? Body) actual)
    {
        Assert.Equal(expected, actual.Status);
        Assert.NotNull(actual.Body);
        Assert.Equal((int)expected, actual.Body!["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(actual.Body["title"]?.GetValue<string>()));
    }

    public static string NewComponent(string name) => $"{name}-{Guid.NewGuid():N}";
}
