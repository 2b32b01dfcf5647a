package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI at {@code /workflow/ui/} in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), against the real server: what a person sees and does there. Each test saves
 * a screenshot of the page under {@code target/ui-screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UiIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    private static WebDriver browser;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestEar.build();
    }

    @ArquillianResource
    URL base;

    Http http;
    String ui;

    @BeforeAll
    static void openBrowser() {
        // the packaged browser and driver: Selenium Manager must not try to download either
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1400,1000");
        ChromeDriver chrome = new ChromeDriver(service, options);
        // every request of the page as the development user (HTTP Basic), as a browser does once its
        // login prompt has been answered
        chrome.executeCdpCommand("Network.enable", java.util.Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", java.util.Map.of("headers", java.util.Map.of(
                "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("dev:dev".getBytes()))));
        browser = chrome;
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void client() {
        String root = base.toExternalForm().replaceAll("/+$", "");
        http = new Http(root + "/api");
        ui = root + "/ui/";
    }

    @Test
    void theRunsTableShowsARunStartedInTheTestAndRefreshesItsStatus() {
        String runId = http.start("{\"workflowName\":\"addTen\",\"args\":[5]}");
        open("#/runs");
        WebElement row = waitFor(By.cssSelector("#runs tr[data-run-id='" + runId + "']"));
        assertTrue(row.getText().contains("addTen"), row.getText());
        // auto-refresh brings the run's end without reloading the page
        waitFor(By.cssSelector("#runs tr[data-run-id='" + runId + "'] .badge.completed"));
        screenshot("runs");

        select("#filters select[name=workflowName]", "failing");
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("#runs tr[data-run-id='" + runId + "']")));
        // only runs of that workflow (the table may be between two refreshes: read it until it holds still)
        waiting().withMessage("the filter shows only runs of that workflow").until(d -> d.findElements(
                By.cssSelector("#runs tbody tr[data-run-id]")).stream().allMatch(r -> r.getText().contains("failing")));
        assertTrue(browser.getCurrentUrl().contains("workflowName=failing"), "the filter is in the address, to share");
    }

    @Test
    void aRunsPageShowsItsStepsOnTheTimelineAndItsOutput() {
        String runId = http.start("{\"workflowName\":\"addTen\",\"args\":[5]}");
        http.awaitTerminal(runId, WAIT);
        open("#/runs/" + runId);
        waitFor(By.cssSelector("#timeline .lane[data-kind=step]"));
        List<WebElement> lanes = browser.findElements(By.cssSelector("#timeline .lane[data-kind=step]"));
        assertEquals(3, lanes.size(), "one bar per step");
        for (WebElement lane : lanes) {
            assertEquals("MathSteps.add", lane.getAttribute("data-name"));
            assertEquals(1, lane.findElements(By.cssSelector(".seg.attempt.ok")).size(), "one successful attempt each");
        }
        assertEquals(runId, browser.findElement(By.id("run-id")).getText());
        assertTrue(browser.findElement(By.cssSelector(".io")).getText().contains("15"), "the output is shown");
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("run_completed"), "the event list is shown");
        screenshot("run");
    }

    @Test
    void cancelCancelsASleepingRun() {
        String runId = http.start("{\"workflowName\":\"sleeping\",\"args\":[\"1h\"]}");
        open("#/runs/" + runId);
        waitFor(By.cssSelector("#timeline .lane[data-kind=sleep]"));
        screenshot("sleeping");
        browser.findElement(By.id("cancel")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waitFor(By.cssSelector(".title .badge.cancelled"));
        JsonObject run = http.awaitTerminal(runId, WAIT);
        assertEquals("cancelled", run.getString("status"), run.toString());
        assertTrue(browser.findElement(By.id("cancel")).getAttribute("disabled") != null, "an ended run cannot be cancelled");
        screenshot("cancelled");
    }

    @Test
    void theHookFormResumesAnApproval() {
        String order = "order-" + UUID.randomUUID();
        String runId = http.start("{\"workflowName\":\"approval\",\"args\":[\"" + order + "\"]}");
        open("#/runs/" + runId);
        WebElement payload = waitFor(By.cssSelector("tr[data-token='approval:" + order + "'] textarea"));

        // a payload the hook's schema refuses: the problem's detail is shown, and the run still waits
        payload.clear();
        payload.sendKeys("{\"approved\":true}");
        screenshot("approval");
        browser.findElement(By.cssSelector("tr[data-token='approval:" + order + "'] button[type=submit]")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        WebElement notice = waitFor(By.cssSelector("#notice:not([hidden])"));
        assertTrue(notice.getText().contains("by: must not be blank"), notice.getText());
        assertEquals("running", Http.json(http.get("/runs/" + runId)).getString("status"));

        payload = browser.findElement(By.cssSelector("tr[data-token='approval:" + order + "'] textarea"));
        payload.clear();
        payload.sendKeys("{\"approved\":true,\"by\":\"ada\"}");
        browser.findElement(By.cssSelector("tr[data-token='approval:" + order + "'] button[type=submit]")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        JsonObject run = http.awaitTerminal(runId, WAIT);
        assertEquals("approved by ada", run.getString("output"), run.toString());
        waitFor(By.cssSelector(".title .badge.completed"));
        screenshot("approved");
    }

    @Test
    void theWorkflowsPageStartsARunAndReRunIsLinkedToIt() {
        open("#/workflows");
        WebElement form = waitFor(By.cssSelector("form.start[data-workflow=addTen]"));
        screenshot("workflows");
        WebElement args = form.findElement(By.name("args"));
        args.clear();
        args.sendKeys("[5]");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.cssSelector(".title .badge.completed"));
        String runId = browser.findElement(By.id("run-id")).getText();
        assertEquals("addTen", Http.json(http.get("/runs/" + runId)).getString("workflowName"));

        browser.findElement(By.id("rerun")).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(d -> !runId.equals(d.findElement(By.id("run-id")).getText()));
        String rerunId = browser.findElement(By.id("run-id")).getText();
        JsonObject rerun = http.awaitTerminal(rerunId, WAIT);
        assertEquals(runId, rerun.getString("rerunOf"));
        assertEquals(15, rerun.getInt("output"));
        waitFor(By.cssSelector(".facts a[href='#/runs/" + runId + "']"));
        waitFor(By.cssSelector(".title .badge.completed"));
        screenshot("rerun");
    }

    @Test
    void theSearchFindsARunByHookTokenOrIdempotencyKeyAndExplainsAMiss() {
        String key = "key-" + UUID.randomUUID();
        String runId = http.start("{\"workflowName\":\"addTen\",\"args\":[1],\"idempotencyKey\":\"" + key + "\"}");
        open("#/runs");
        search(key);
        waiting().until(d -> runId.equals(textOf(By.id("run-id"))));

        String order = "order-" + UUID.randomUUID();
        String approval = http.start("{\"workflowName\":\"approval\",\"args\":[\"" + order + "\"]}");
        http.awaitRun(approval, WAIT, r -> Http.json(http.get("/runs/" + approval + "/hooks")).getJsonArray("data").size() == 1);
        search("approval:" + order);
        waiting().until(d -> approval.equals(textOf(By.id("run-id"))));

        search("nothing-has-this-" + UUID.randomUUID());
        WebElement notice = waitFor(By.cssSelector("#notice:not([hidden])"));
        assertTrue(notice.getText().contains("No run has the id, hook token or idempotency key"), notice.getText());
        http.post("/runs/" + approval + "/cancel", "{}");
    }

    private void open(String fragment) {
        browser.get(ui + fragment);
    }

    private void search(String q) {
        WebElement input = browser.findElement(By.id("search-input"));
        input.clear();
        input.sendKeys(q);
        browser.findElement(By.cssSelector("#search button[type=submit]")).click();
    }

    private void select(String css, String value) {
        new Select(waitFor(By.cssSelector(css))).selectByValue(value);
    }

    private String textOf(By by) {
        List<WebElement> found = browser.findElements(by);
        return found.isEmpty() ? null : found.get(0).getText();
    }

    /** Waits through the pages' refreshes, which replace the elements a test may be looking at. */
    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private WebElement waitFor(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
