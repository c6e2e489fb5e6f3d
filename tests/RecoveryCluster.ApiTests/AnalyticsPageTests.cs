using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

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

        // Two hardware errors: one fixed by retry at level 1, one failing at 1 and fixed at 2.
        await RecordAsync(component, "gpu fault a", [true]);
        await RecordAsync(component, "gpu fault b", [false, true]);

        using var driver = StartBrowser();
        driver.Navigate().GoToUrl(host.BaseAddress);
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(20));

        // The page redraws its charts every 2 s: each read finds its element afresh, and a read that meets a redraw
        // (stale element) is tried again.
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        string Read(string css, string attribute) => wait.Until(d => d.FindElement(By.CssSelector(css)).GetAttribute(attribute))!;

        Assert.Equal(2.0 / 3, double.Parse(Read("#chart-strategies rect[data-label='retry']", "data-value"), CultureInfo.InvariantCulture), 9);
        Assert.Equal(2.0 / 3, double.Parse(Read("#chart-types rect[data-label='hardware']", "data-value"), CultureInfo.InvariantCulture), 9);
        Assert.Equal("2", Read("#chart-heatmap rect[data-type='hardware'][data-level='1']", "data-count"));
        Assert.Equal("1", Read("#chart-heatmap rect[data-type='hardware'][data-level='2']", "data-count"));
        Assert.Equal("1", Read("#chart-levels rect[data-label='L1']", "data-value"));
        Assert.Equal("1", Read("#chart-levels rect[data-label='L2']", "data-value"));
        Assert.NotEmpty(Read("#chart-scatter circle[data-strategy='retry']", "data-strategy"));
        Assert.NotEmpty(Read("#chart-trend circle", "cx"));
        Assert.Equal("3", wait.Until(d => d.FindElements(By.CssSelector("#chart-times rect")).Select(r => int.Parse(r.GetAttribute("data-value")!, CultureInfo.InvariantCulture)).Sum().ToString(CultureInfo.InvariantCulture)));
        // The error count comes from the index, which error grains feed one-way: it may trail the charts by a refresh.
        wait.Until(d => d.FindElement(By.Id("summary")).Text.Contains("2 errors", StringComparison.Ordinal));
        // Secondary metrics: one episode ended at level 1 and one at level 2; both errors have a time to resolution.
        Assert.Equal("0.5", Read("#chart-progression rect[data-label='L1']", "data-value"));
        Assert.Equal("0.5", Read("#chart-progression rect[data-label='L2']", "data-value"));
        wait.Until(d => d.FindElement(By.Id("ttr")).Text.Contains("(2 errors)", StringComparison.Ordinal));
        Assert.Contains("0% (0 of 2 resolutions)", wait.Until(d => d.FindElement(By.Id("regressions")).Text), StringComparison.Ordinal);

        // Live refresh: a new failure shows up without reloading, and an isolated circuit is listed.
        await RecordAsync(component, "gpu fault c", [false]);
        await host.Http.PostAsync($"/api/circuits/{component}/isolate", new { reason = "page test" });
        wait.Until(d => d.FindElements(By.CssSelector("#chart-strategies rect[data-label='retry']")).FirstOrDefault()?.GetAttribute("data-value") == "0.5");
        wait.Until(d => d.FindElements(By.CssSelector($"#circuits li.isolated[data-component='{component}']")).Count == 1);
        // The live feed streams the new failure and the isolation as they happen.
        wait.Until(d => d.FindElements(By.CssSelector($"#events li[data-kind='attempt-recorded'][data-component='{component}']")).Count == 1);
        wait.Until(d => d.FindElements(By.CssSelector($"#events li[data-kind='circuit-changed'][data-component='{component}']")).Count == 1);

        var screenshot = Path.Combine(ArtifactsDirectory(), "analytics-page.png");
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(screenshot);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is suspiciously small");
    }

    private async Task RecordAsync(string component, string message, bool[] outcomes)
    {
        var (_, report) = await host.Http.PostAsync("/api/errors", RecoveryCluster.ApiTests.Http.Report(component, type: "hardware", message: message));
        var errorId = report!["errorId"]!.GetValue<string>();
        var plan = report["plan"];
        foreach (var success in outcomes)
        {
            var (_, result) = await host.Http.PostAsync($"/api/errors/{errorId}/attempts", new
            {
                strategyId = plan!["strategyId"]!.GetValue<string>(), attempt = plan["attempt"]!.GetValue<int>(), success, executionTimeSeconds = 0.3,
            });
            plan = result!["nextPlan"];
        }
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
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RecoveryCluster.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(path);
        return path;
    }

    public sealed class OwnHost : SiloHostFixture;
}
