using System.Text.Json.Nodes;

namespace RecoveryCluster.ApiTests;

/// <summary>A Server-Sent Events reader over a live response: waits for the subscription comment, then yields events.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(20));

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<EventStream> OpenAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        Assert.Equal(": subscribed", await stream._reader.ReadLineAsync(stream._deadline.Token));
        return stream;
    }

    /// <summary>Reads events until one of kind <paramref name="lastKind"/>; returns (kind, data, id), that one last.</summary>
    /// <remarks>An event is complete at its blank line: the fields of one event may come in any order.</remarks>
    public async Task<List<(string Kind, JsonNode Data, string Id)>> ReadUntilAsync(string lastKind)
    {
        var events = new List<(string, JsonNode, string)>();
        string? kind = null, data = null, id = null;
        while (await _reader.ReadLineAsync(_deadline.Token) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
            else if (line.Length == 0 && data is not null)
            {
                events.Add((kind!, JsonNode.Parse(data)!, id!));
                if (kind == lastKind)
                {
                    return events;
                }

                (kind, data, id) = (null, null, null);
            }
        }

        throw new InvalidOperationException($"The stream ended before a '{lastKind}' event; got {string.Join(", ", events.Select(e => e.Item1))}");
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _deadline.Dispose();
        return ValueTask.CompletedTask;
    }
}
