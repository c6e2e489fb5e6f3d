using System.Net;
using System.Text.Json.Nodes;
using RecoveryCluster.Testing;

namespace RecoveryCluster.ApiTests;

/// <summary>A local HTTP listener that records every POST body and answers with the status <see cref="Respond"/> picks for the n-th request.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<JsonNode> _bodies = [];
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Url = $"http://127.0.0.1:{FreePorts.Take(1)[0]}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = ServeAsync();
    }

    public string Url { get; }

    public Func<int, HttpStatusCode> Respond { get; set; } = _ => HttpStatusCode.OK;

    public IReadOnlyList<JsonNode> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            int count;
            lock (_bodies)
            {
                _bodies.Add(body);
                count = _bodies.Count;
            }

            context.Response.StatusCode = (int)Respond(count);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
