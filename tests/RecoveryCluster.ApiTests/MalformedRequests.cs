using System.Text;
using System.Text.Json;

namespace RecoveryCluster.ApiTests;

/// <summary>
/// Generates malformed requests for every endpoint from a seed. Each request carries at least one defect (broken
/// JSON, wrong types, missing or over-long fields, unknown names, out-of-range numbers, invalid UTF-8, unknown ids,
/// wrong methods or media types), so none of them may change state.
/// </summary>
public sealed class MalformedRequests(int seed, string knownErrorId, string knownComponent)
{
    private readonly Random _random = new(seed);

    private static readonly string[] OddText = ["\u0000", "\u202Eevil", "💥🔥", "\uFEFF", "ǅ̸̢̛", new string('é', 300), "' OR 1=1 --", "<script>x</script>"];

    public HttpRequestMessage Next()
    {
        return _random.Next(13) switch
        {
            0 => Post("/api/errors", BadReport()),
            1 => Post($"/api/errors/{knownErrorId}/attempts", BadAttempt()),
            2 => Post($"/api/errors/{UnknownId()}/attempts", ValidAttemptJson()),
            3 => Get($"/api/errors?{BadListQuery()}"),
            4 => _random.Next(2) == 0 ? Get($"/api/errors/{UnknownId()}") : Post($"/api/errors/{UnknownId()}/resolve", "{}"),
            5 => Post("/api/recovery/reset", BadReset()),
            6 => Get(BadRecoveryQuery()),
            7 => BadCircuitRequest(),
            8 => WrongMethod(),
            9 => WrongMediaType(),
            12 => BadPolicyRequest(),
            10 => Post(Pick(["/api/errors", $"/api/errors/{knownErrorId}/attempts", "/api/recovery/reset", $"/api/circuits/{knownComponent}/isolate"]), Truncated(ValidReportJson())),
            _ => PostBytes(Pick(["/api/errors", $"/api/errors/{knownErrorId}/attempts", "/api/recovery/reset"]), InvalidUtf8()),
        };
    }

    private string BadReport()
    {
        var fields = new Dictionary<string, object?>
        {
            ["type"] = "database",
            ["severity"] = "high",
            ["message"] = "connection reset",
            ["component"] = knownComponent,
            ["operation"] = "Save",
        };
        switch (_random.Next(10))
        {
            case 0: fields.Remove(Pick(["message", "component", "operation"])); break;
            case 1: fields[Pick(["message", "component", "operation", "severity"])] = WrongType(); break;
            case 2: fields[Pick(["component", "operation", "workerId", "hardwareId", "exceptionType"])] = new string('x', 257 + _random.Next(4000)); break;
            case 3: fields["message"] = new string('m', 8193 + _random.Next(40_000)); break;
            case 4: fields["severity"] = Pick(["awful", "HIGHEST", "7", "", "crit ical", .. OddText]); break;
            case 5: fields["taskIds"] = _random.Next(2) == 0 ? "not-a-list" : new object[] { 1, true }; break;
            case 6: fields["tags"] = _random.Next(2) == 0 ? new[] { "a" } : new Dictionary<string, object> { ["k"] = new[] { 1 } }; break;
            case 7: fields["critical"] = Pick<object>(["yes", 1, new[] { true }]); break;
            case 8: fields[Pick(["component", "operation", "workerId", "hardwareId"])] = Pick(["orders\u0000db", "\u001b[2J", "bell\u0007", "del\u007f"]); break;
            default: fields[Pick(["component", "operation"])] = Pick(["", " ", "\t"]); break;
        }

        return JsonSerializer.Serialize(fields);
    }

    private string BadAttempt()
    {
        var fields = new Dictionary<string, object?>
        {
            ["strategyId"] = "retry",
            ["success"] = true,
            ["executionTimeSeconds"] = 1.0,
            ["attempt"] = 1,
        };
        switch (_random.Next(10))
        {
            case 0: fields.Remove(Pick(["strategyId", "success", "executionTimeSeconds"])); break;
            case 1: fields["executionTimeSeconds"] = Pick<object>([-1.0, -0.0001, 1e9, "NaN", "soon"]); break;
            case 2: fields["success"] = Pick<object>(["maybe", 1, "true"]); break;
            case 3: fields["strategyId"] = Pick(["no-such-strategy", "fallback", "", new string('s', 300), .. OddText]); break;
            case 4: fields["attempt"] = Pick<object>([0, -1, 999_999, "first"]); break;
            case 5:
                fields["affectedTasks"] = 1;
                fields["recoveredTasks"] = 2 + _random.Next(10);
                break;
            case 6: fields["affectedTasks"] = -1 - _random.Next(100); break;
            case 7: fields["stabilityScore"] = Pick<object>([1.5, -0.5, "stable"]); break;
            case 8: fields["resourceUsage"] = new { before = new { cpuPercent = 500.0, memoryPercent = 10.0 }, after = new { cpuPercent = 10.0, memoryPercent = -5.0 } }; break;
            default: fields["hardwareId"] = new string('h', 300); break;
        }

        return JsonSerializer.Serialize(fields);
    }

    private string BadListQuery() => _random.Next(5) switch
    {
        0 => $"status={Uri.EscapeDataString(Pick(["sleeping", "7", "", "open,closed", .. OddText]))}",
        1 => $"limit={Pick(["0", "-1", "abc", "100000", "1.5"])}",
        2 => $"component={new string('c', 300)}",
        3 => "limit=",
        _ => $"limit={long.MaxValue}",
    };

    private string BadReset() => _random.Next(4) switch
    {
        0 => "{}",
        1 => JsonSerializer.Serialize(new { errorType = Pick(["gremlins", "", "DATABASE!", .. OddText]) }),
        2 => JsonSerializer.Serialize(new { errorId = UnknownId() }),
        _ => JsonSerializer.Serialize(new { errorId = new string('e', 300) }),
    };

    private string BadRecoveryQuery() => _random.Next(6) switch
    {
        0 => $"/api/recovery/metrics?days={Pick(["0", "-3", "99999", "x"])}",
        1 => $"/api/recovery/metrics?errorType={Uri.EscapeDataString(Pick(["gremlins", .. OddText]))}",
        2 => $"/api/recovery/history?limit={Pick(["0", "-1", "10001", "lots"])}",
        3 => $"/api/recovery/history?since={Uri.EscapeDataString(Pick(["yesterday", "2026-13-45", "💥"]))}",
        4 => $"/api/recovery/recommendations/{Uri.EscapeDataString(Pick(["gremlins", "databases", new string('t', 300), .. OddText[1..]]))}",
        _ => $"/api/recovery/history?strategyId={new string('s', 300)}",
    };

    private HttpRequestMessage BadCircuitRequest() => _random.Next(5) switch
    {
        0 => Get($"/api/circuits/{UnknownId()}"),
        1 => Post($"/api/circuits/{UnknownId()}/reset", "{}"),
        2 => Post($"/api/circuits/{new string('c', 257 + _random.Next(500))}/isolate", "{\"reason\":\"x\"}"),
        3 => Post($"/api/circuits/{knownComponent}/isolate", JsonSerializer.Serialize(new { reason = Pick<object>([new string('r', 300), 42, "", " "]) })),
        _ => Post($"/api/circuits/{knownComponent}/isolate", Truncated("{\"reason\":\"maintenance window\"}")),
    };

    private HttpRequestMessage BadPolicyRequest()
    {
        var path = $"/api/components/{knownComponent}/policy";
        return _random.Next(6) switch
        {
            0 => Get($"/api/components/{Pick([new string('c', 257 + _random.Next(500)), Uri.EscapeDataString("\u001b[2J"), "%20"])}/{Pick(["policy", "limit"])}"),
            1 => Put($"/api/components/{new string('c', 257 + _random.Next(500))}/policy", "{}"),
            2 => Put(path, Truncated("{\"limit\":{\"maxConcurrency\":10}}")),
            3 => Put(path, Pick(["null", "[]", "42", "\"policy\""])),
            _ => Put(path, JsonSerializer.Serialize(BadPolicy())),
        };
    }

    private object BadPolicy() => _random.Next(12) switch
    {
        0 => new { limit = new { maxConcurrency = Pick<object>([0, -5, 2_000_000, "ten", 1.5]) } },
        1 => new { limit = new { ratePerSecond = Pick<object>([-1, 0, 1e12, "fast"]) } },
        2 => new { limit = new { maxConcurrency = 5, leaseDuration = Pick(["00:00:00.001", "-00:00:01", "soon", "10675199.02:48:05.4775807"]) } },
        3 => new { limit = new { maxConcurrency = 5, adaptive = Pick(["sometimes", "AIMD!", "", .. OddText]) } },
        4 => new { limit = new { maxConcurrency = 5, failureRateTarget = Pick<object>([-0.1, 1.1]), minimumScale = 0 } },
        5 => new { breaker = new { mode = Pick(["random", "", .. OddText]) } },
        6 => new { breaker = new { failureThreshold = Pick<object>([0, -1, 100_001, "five"]) } },
        7 => new { breaker = new { recoveryTimeout = Pick(["00:00:00", "-00:00:05", "2.00:00:00"]) } },
        8 => new { hedging = new { enabled = true, maxHedgedAttempts = Pick<object>([0, 11, -1, "two"]) } },
        9 => new { hedging = new { enabled = true, percentile = Pick<object>([0.1, 1.5, 1.0]) } },
        10 => new { hedging = new { enabled = true, minDelay = "00:00:02", maxDelay = "00:00:01" } },
        _ => new { hedging = new { enabled = Pick<object>(["yes", 1]) } },
    };

    private HttpRequestMessage WrongMethod()
    {
        var method = Pick([HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch]);
        var path = Pick(["/api/errors", $"/api/errors/{knownErrorId}", "/api/circuits", $"/api/circuits/{knownComponent}", "/api/recovery/metrics", "/api/status"]);
        if (_random.Next(3) == 0)
        {
            method = HttpMethod.Get;
            path = Pick([$"/api/errors/{knownErrorId}/attempts", $"/api/errors/{knownErrorId}/resolve", "/api/recovery/reset", $"/api/circuits/{knownComponent}/isolate"]);
        }

        return new HttpRequestMessage(method, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
    }

    private HttpRequestMessage WrongMediaType() => new(HttpMethod.Post, Pick(["/api/errors", $"/api/errors/{knownErrorId}/attempts", "/api/recovery/reset"]))
    {
        Content = new StringContent(ValidReportJson(), Encoding.UTF8, Pick(["text/plain", "application/xml", "multipart/form-data"])),
    };

    private string ValidReportJson() => JsonSerializer.Serialize(new { type = "database", message = "connection reset", component = knownComponent, operation = "Save" });

    private static string ValidAttemptJson() => JsonSerializer.Serialize(new { strategyId = "retry", success = true, executionTimeSeconds = 1.0 });

    /// <summary>A prefix that is never complete JSON.</summary>
    private string Truncated(string json) => json[..(1 + _random.Next(json.Length - 1))];

    private byte[] InvalidUtf8()
    {
        var prefix = Encoding.UTF8.GetBytes("{\"message\":\"");
        return [.. prefix, 0xFF, 0xFE, (byte)_random.Next(0x80, 0xC0), .. Encoding.UTF8.GetBytes("\",\"component\":\"c\",\"operation\":\"o\"}")];
    }

    private object WrongType() => Pick<object>([42, true, new[] { 1, 2 }, new { nested = "object" }, 3.14]);

    // Kestrel refuses a NUL in the path before the application sees it (a bare 400), so paths get the other odd text.
    private string UnknownId() => Pick([$"database-{_random.NextInt64():x16}", $"nonsense-{Guid.NewGuid():N}", "x", new string('i', 300), Uri.EscapeDataString(Pick(OddText[1..]))]);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Put(string path, string json) =>
        new(HttpMethod.Put, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage PostBytes(string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }
}
