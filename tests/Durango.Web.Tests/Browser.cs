using OpenQA.Selenium.Chrome;

namespace Durango.Web.Tests;

/// <summary>Headless Chromium from the machine's packages (Debian's <c>chromium</c> and <c>chromium-driver</c>), never a download.</summary>
internal static class Browser
{
    /// <summary>Starts Chromium headless through its chromedriver; throws (failing the test) when either is missing.</summary>
    public static ChromeDriver Start()
    {
        var driver = Find("chromedriver")
            ?? throw new InvalidOperationException("chromedriver is not installed: apt-get install chromium chromium-driver (.ci/run does)");
        var chromium = Find("chromium") ?? Find("chromium-browser") ?? Find("google-chrome")
            ?? throw new InvalidOperationException("Chromium is not installed: apt-get install chromium chromium-driver (.ci/run does)");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
