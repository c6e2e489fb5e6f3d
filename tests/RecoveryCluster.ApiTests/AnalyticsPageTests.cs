using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;
using RecoveryCluster.Grains;
using RecoveryCluster.Testing;

namespace RecoveryCluster.ApiTests;

/// <summary>The analytics page in a real headless Chromium: it must draw the data the test created, and refresh live.</summary>
public sealed class AnalyticsPageTests(AnalyticsPageTests.OwnHost host) : IClassFixture<AnalyticsPageTests.OwnHost>
{
    private const string Browser = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";

    [Fact]
    public async Task The_page_charts_the_recorded_recoveries_and_refreshes_when_new_ones_arrive()
    {
        Assert.True(File.Exists(Browser) && File.Exists(Driver), $"Chromium and its driver are needed at {Browser} and {Driver}: run ./test.sh (it installs them) or apt-get install chromium chromium-driver.");
        var component = RecoveryCluster.ApiTests.Http.NewComponent("render-farm");

        // Two hardware errors on the host's fake recovery clock: one fixed by retry at level 1 after 4 s, one failing
        // at 1 (after 3 s) and fixed at 2 (6 s later), so its time to resolution is 9 s.
        var faultA = await RecordAsync(component, "gpu fault a", [true], [4], machine: "gpu-host-1");
        var faultB = await RecordAsync(component, "gpu fault b", [false, true], [3, 6], machine: "gpu-host-2");

        using var driver = StartBrowser();
        driver.Navigate().GoToUrl(host.BaseAddress);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(20));

        // The page redraws its charts every 2 s: each read finds its element afresh, and a read that meets a redraw
        // (stale element) is tried again.
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        string Read(string css, string attribute) => wait.Until(d => d.FindElement(By.CssSelector(css)).GetAttribute(attribute))!;
        double Number(string css, string attribute) => double.Parse(Read(css, attribute), CultureInfo.InvariantCulture);
        string Text(string id, string expected) => wait.Until(d =>
        {
            var text = d.FindElement(By.Id(id)).Text;
            return text.Contains(expected, StringComparison.Ordinal) ? text : null;
        })!;

        Assert.Equal(2.0 / 3, Number("#chart-strategies rect[data-label='retry']", "data-value"), 9);
        Assert.Equal(2.0 / 3, Number("#chart-types rect[data-label='hardware']", "data-value"), 9);

        // Success by machine: the repair worked on gpu-host-1 once of once, on gpu-host-2 once of twice.
        Assert.Equal(1.0, Number("#chart-hardware rect[data-label='gpu-host-1']", "data-value"), 9);
        Assert.Equal(0.5, Number("#chart-hardware rect[data-label='gpu-host-2']", "data-value"), 9);
        // The bar is drawn to scale: two thirds of the height from the axis to the top margin (34 px), standing on the axis.
        var axis = Number("#chart-strategies line.axis", "y1");
        var height = Number("#chart-strategies rect[data-label='retry']", "height");
        Assert.Equal((axis - 34) * 2 / 3, height, 6);
        Assert.Equal(axis - height, Number("#chart-strategies rect[data-label='retry']", "y"), 6);
        Assert.Equal("2", Read("#chart-heatmap rect[data-type='hardware'][data-level='1']", "data-count"));
        Assert.Equal("2", Read("#chart-heatmap rect[data-type='hardware'][data-level='1']", "data-errors"));
        Assert.Equal("1", Read("#chart-heatmap rect[data-type='hardware'][data-level='2']", "data-count"));
        Assert.Equal("0", Read("#chart-heatmap rect[data-type='hardware'][data-level='3']", "data-count"));
        Assert.Equal("1", Read("#chart-levels rect[data-label='L1']", "data-value"));
        Assert.Equal("1", Read("#chart-levels rect[data-label='L2']", "data-value"));

        // Scatter: retry at (impact, success) from the metrics, placed on the 420 x 220 plot with 34 px margins.
        var (_, metrics) = await host.Http.GetJsonAsync("/api/recovery/metrics");
        var impact = metrics!["strategies"]!["retry"]!["averageImpact"]!.GetValue<double>();
        Assert.Equal(impact, Number("#chart-scatter circle[data-strategy='retry']", "data-impact"), 9);
        Assert.Equal(2.0 / 3, Number("#chart-scatter circle[data-strategy='retry']", "data-success"), 9);
        Assert.Equal(34 + 352 * Math.Min(impact, 1), Number("#chart-scatter circle[data-strategy='retry']", "cx"), 6);
        Assert.Equal(186 - 152 * 2.0 / 3, Number("#chart-scatter circle[data-strategy='retry']", "cy"), 6);

        // The time series are what /api/recovery/trends says: the three attempts fall in one minute of the fake clock, two
        // of them successful, stability 0.9 after each success and 0.3 after the failure.
        var (_, trends) = await host.Http.GetJsonAsync("/api/recovery/trends?bucket=minute&days=1");
        var point = Assert.Single(trends!["points"]!.AsArray())!;
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), point["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal(2.0 / 3, point["successRate"]!.GetValue<double>(), 9);
        Assert.Equal(0.7, point["averageStability"]!.GetValue<double>(), 9);
        var minute = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var overTime = Chart(driver, wait, "overTime", 3);
        Assert.Equal(["success rate", "mean impact", "mean stability"], overTime.Labels);
        Assert.Equal([minute], overTime.X);
        Assert.Equal(point["successRate"]!.GetValue<double>(), overTime.Series[0][0]!.Value, 9);
        Assert.Equal(point["averageImpact"]!.GetValue<double>(), overTime.Series[1][0]!.Value, 9);
        Assert.Equal(point["averageStability"]!.GetValue<double>(), overTime.Series[2][0]!.Value, 9);
        var strategyLines = Chart(driver, wait, "strategyLines", 1);
        Assert.Equal(["retry"], strategyLines.Labels);
        Assert.Equal(point["strategies"]!["retry"]!["successRate"]!.GetValue<double>(), strategyLines.Series[0][0]!.Value, 9);
        // Time per level: 0.3 s per error at level 1 (both errors) and at level 2 (error b).
        Assert.Equal(trends["levels"]!["1"]!["averageSecondsPerError"]!.GetValue<double>(), Number("#chart-level-time rect[data-label='L1']", "data-value"), 9);
        Assert.Equal(0.3, Number("#chart-level-time rect[data-label='L2']", "data-value"), 9);
        // The heatmap carries the mean impact of each cell, as the API computes it.
        var (_, heatmap) = await host.Http.GetJsonAsync("/api/recovery/heatmap");
        var levelOne = heatmap!["cells"]!.AsArray().Single(c => c!["errorType"]!.GetValue<string>() == "hardware" && c["level"]!.GetValue<int>() == 1)!;
        Assert.Equal(levelOne["averageImpact"]!.GetValue<double>(), Number("#chart-heatmap rect[data-type='hardware'][data-level='1']", "data-impact"), 9);
        Assert.True(levelOne["averageImpact"]!.GetValue<double>() > 0);
        Read("#chart-heatmap circle.impact[data-type='hardware'][data-level='1']", "r");

        // Click-through: the level-2 cell lists error b alone; a point of the time series lists both errors of its minute.
        wait.Until(d =>
        {
            d.FindElement(By.CssSelector("#chart-heatmap rect[data-type='hardware'][data-level='2']")).Click();
            return true;
        });
        Assert.Equal([faultB], ErrorsBehind(driver, wait, "hardware at level 2: 1 error(s)"));
        ClickPoint(driver, wait, "overTime");
        // The most recently attempted first: b's last attempt came 9 s after a's.
        Assert.Equal([faultB, faultA], ErrorsBehind(driver, wait, "attempts in the minute from 2026-01-01T00:00:00+00:00: 2 error(s)"));
        // A point on a strategy's line lists that strategy's errors of the minute.
        ClickPoint(driver, wait, "strategyLines");
        Assert.Equal([faultB, faultA], ErrorsBehind(driver, wait, "retry in the minute from 2026-01-01T00:00:00+00:00: 2 error(s)"));
        // All three attempts took 0.3 s.
        Assert.Equal("3", Read("#chart-times rect[data-label='<0.5s']", "data-value"));
        Assert.Equal("3", wait.Until(d => d.FindElements(By.CssSelector("#chart-times rect")).Select(r => int.Parse(r.GetAttribute("data-value")!, CultureInfo.InvariantCulture)).Sum().ToString(CultureInfo.InvariantCulture)));

        // The error count comes from the index, which error grains feed one-way: it may trail the charts by a refresh.
        Text("summary", "1 silo(s) · 2 errors (0 unresolved) · 3 recovery attempts · 67% successful");
        // Secondary metrics: one episode ended at level 1 and one at level 2; times to resolution 4 s and 9 s.
        Assert.Equal("0.5", Read("#chart-progression rect[data-label='L1']", "data-value"));
        Assert.Equal("0.5", Read("#chart-progression rect[data-label='L2']", "data-value"));
        Text("ttr", "p50 4.0 s · p90 9.0 s (2 errors)");
        Text("regressions", "0% (0 of 2 resolutions)");
        // Each attempt had one task and recovered it if it succeeded; each moved cpu +5, memory -2 and process memory +30 MB.
        Text("tasks-hardware", "67% (2 of 3)");
        Text("resources-retry", "cpu 5.0 pt · memory -2.0 pt · process 30.0 MB");

        // Live refresh: a new failure shows up without reloading, and an isolated circuit is listed.
        await RecordAsync(component, "gpu fault c", [false], [1]);
        await host.Http.PostAsync($"/api/circuits/{component}/isolate", new { reason = "page test" });
        wait.Until(d => d.FindElements(By.CssSelector("#chart-strategies rect[data-label='retry']")).FirstOrDefault()?.GetAttribute("data-value") == "0.5");
        wait.Until(_ => Chart(driver, wait, "overTime", 3).Series[0][0] == 0.5);
        Text("summary", "3 errors (1 unresolved) · 4 recovery attempts · 50% successful");
        wait.Until(d => d.FindElements(By.CssSelector($"#circuits li.isolated[data-component='{component}']")).Count == 1);

        // A component with a fleet limit shows the limit in force, adaptive or not, beside its circuit.
        var limited = RecoveryCluster.ApiTests.Http.NewComponent("page-limited");
        await host.Http.PutAsync($"/api/components/{limited}/policy", new { limit = new { maxConcurrency = 40, ratePerSecond = 250.0, adaptive = "aimd" } });
        wait.Until(d => d.FindElements(By.CssSelector($"#circuits li[data-component='{limited}']")).FirstOrDefault()?.GetAttribute("data-limit")
            == "40/40 in flight, 250/250 per s, adaptive ×1.00, 0 lease(s)");
        // The live feed streams the new failure and the isolation as they happen.
        wait.Until(d => d.FindElements(By.CssSelector($"#events li[data-kind='attempt-recorded'][data-component='{component}']")).Count == 1);
        wait.Until(d => d.FindElements(By.CssSelector($"#events li[data-kind='circuit-changed'][data-component='{component}']")).Count == 1);

        // Kept for people to look at (CI keeps TestResults/); the values above are what the test checks.
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(Path.Combine(ArtifactsDirectory(), "analytics-page.png"));
    }

    /// <summary>What a uPlot chart of the page plots: its series' labels, x values and y values (null where a series has no value).</summary>
    private sealed record Plotted(string[] Labels, long[] X, double?[][] Series);

    /// <summary>Reads <c>window.rcCharts[key]</c> once it has drawn <paramref name="series"/> series with data.</summary>
    private static Plotted Chart(IWebDriver driver, WebDriverWait wait, string key, int series)
    {
        var json = wait.Until(_ => ((IJavaScriptExecutor)driver).ExecuteScript(
            $"const u = window.rcCharts && window.rcCharts['{key}']; return u && u.data[0].length > 0 && u.series.length === {series + 1} "
            + "? JSON.stringify({ labels: u.series.slice(1).map(s => s.label), data: u.data }) : null;") as string)!;
        var node = JsonNode.Parse(json)!;
        var data = node["data"]!.AsArray();
        return new Plotted(
            [.. node["labels"]!.AsArray().Select(l => l!.GetValue<string>())],
            [.. data[0]!.AsArray().Select(x => (long)x!.GetValue<double>())],
            [.. data.Skip(1).Select(s => s!.AsArray().Select(v => v?.GetValue<double>()).ToArray())]);
    }

    /// <summary>Moves the mouse onto the first point of a uPlot chart and clicks, as a person would.</summary>
    private static void ClickPoint(IWebDriver driver, WebDriverWait wait, string key)
    {
        wait.Until(d =>
        {
            var offsets = (IReadOnlyCollection<object>?)((IJavaScriptExecutor)d).ExecuteScript(
                $"const u = window.rcCharts['{key}']; const r = u.over.getBoundingClientRect();"
                + "return [u.valToPos(u.data[0][0], 'x') - r.width / 2, u.valToPos(u.data[1][0], 'y') - r.height / 2];");
            var xy = offsets!.Select(o => (int)Math.Round(Convert.ToDouble(o, CultureInfo.InvariantCulture))).ToArray();
            new Actions(d).MoveToElement(d.FindElement(By.CssSelector($"#{(key == "overTime" ? "chart-over-time" : "chart-strategy-lines")} .u-over")), xy[0], xy[1]).Click().Perform();
            return true;
        });
    }

    /// <summary>The error ids the click-through lists, once its title reads <paramref name="title"/>.</summary>
    private static string[] ErrorsBehind(IWebDriver driver, WebDriverWait wait, string title)
    {
        try
        {
            return wait.Until(d => d.FindElement(By.Id("drilldown-title")).Text == title
                ? d.FindElements(By.CssSelector("#errors-behind li")).Select(li => li.GetAttribute("data-error-id")!).ToArray()
                : null)!;
        }
        catch (WebDriverTimeoutException e)
        {
            throw new WebDriverTimeoutException($"Expected the click-through to read '{title}'; it reads '{driver.FindElement(By.Id("drilldown-title")).Text}'.", e);
        }
    }

    /// <summary>Reports an error and records its attempts; before each attempt the fake clock moves on by its delay (s).</summary>
    private async Task<string> RecordAsync(string component, string message, bool[] outcomes, int[] delays, string machine = "gpu-host-1")
    {
        var (_, report) = await host.Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "hardware", message: message));
        var errorId = report!["errorId"]!.GetValue<string>();
        var plan = report["plan"];
        for (var i = 0; i < outcomes.Length; i++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(delays[i]));
            var (_, result) = await host.Http.PostAsync($"/api/errors/{errorId}/attempts", new
            {
                strategyId = plan!["strategyId"]!.GetValue<string>(),
                attempt = plan["attempt"]!.GetValue<int>(),
                success = outcomes[i],
                executionTimeSeconds = 0.3,
                affectedTasks = 1,
                recoveredTasks = outcomes[i] ? 1 : 0,
                hardwareId = machine,
                stabilityScore = outcomes[i] ? 0.9 : 0.3,
                resourceUsage = new
                {
                    before = new { cpuPercent = 40.0, memoryPercent = 50.0, processMemoryMb = 100.0 },
                    after = new { cpuPercent = 45.0, memoryPercent = 48.0, processMemoryMb = 130.0 },
                },
            });
            plan = result!["nextPlan"];
        }

        return errorId;
    }

    private static ChromeDriver StartBrowser()
    {
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1400,1100", $"--user-data-dir={Directory.CreateTempSubdirectory("rc-chromium").FullName}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>TestResults/ at the repository root (git-ignored), where CI keeps artifacts.</summary>
    private static string ArtifactsDirectory()
    {
        var path = Path.Combine(Repository.Root, "TestResults");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Own host (fresh figures) whose recovery clock moves only when the test advances it.</summary>
    public sealed class OwnHost : SiloHostFixture
    {
        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton(new RecoveryClock(Time));
    }
}
