package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ops console in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}) against a whole
 * bridge: sign in, see a dead letter, replay it once Magento is back and see its lines applied, discard another with
 * a reason. The browser suite ({@code mvn -B -Pbrowser verify}); without the browser it fails naming the missing
 * binary, it is never skipped. {@code -Dbrowser.chromium=…} / {@code -Dbrowser.chromedriver=…} point it elsewhere.
 */
@Tag("browser")
class ConsoleBrowserIT extends AbstractBridgeIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private Path profile;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        requireExecutable(CHROMIUM, "chromium");
        requireExecutable(CHROMEDRIVER, "chromedriver");
        profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    private static void requireExecutable(Path binary, String what) {
        if (!Files.isExecutable(binary)) {
            fail("Browser suite: no executable " + what + " at " + binary + " (apt-get install chromium "
                    + "chromium-driver; .ci/run installs them where it can)");
        }
    }

    @AfterEach
    void stopBrowser() throws IOException {
        MAGENTO.faults().reset();
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void deadLetterIsSeenReplayedAndItsLinesShownApplied() throws Exception {
        String sku = "IT-console-replay-" + nextMessageId();
        long msg = nextMessageId();
        long letter = deadLetter(msg, sku, sku);

        signIn();
        String row = deadLetterRow(letter);
        wait.until(ExpectedConditions.textToBe(cell(row, "state"), "OPEN"));
        wait.until(browser -> Long.parseLong(browser.findElement(
                By.cssSelector("[data-flow='inventory'] [data-field='open-dead-letters']")).getText()) >= 1);
        // the product export has a card like the order export's (no product exported in this context yet)
        assertThat(text(By.cssSelector("[data-flow='products-export'] [data-field='last-success']"))).isEqualTo("never");
        assertThat(text(By.cssSelector("[data-flow='products-export'] [data-field='inbox-depth']"))).isNotBlank();
        click(inside(row, "button[data-action='show']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dl-detail-body"), sku));
        assertThat(text(By.id("dl-detail-title"))).isEqualTo("Dead letter #" + letter + " (OPEN)");

        MAGENTO.faults().reset();
        click(inside(row, "button[data-action='replay']"));

        wait.until(ExpectedConditions.attributeToBe(By.id("dl-outcome"), "data-state", "REPLAYED"));
        assertThat(text(By.id("dl-outcome"))).startsWith("Dead letter #" + letter + ": REPLAYED");
        wait.until(ExpectedConditions.textToBe(cell(row, "state"), "REPLAYED"));
        assertThat(text(cell(row, "outcome"))).contains(BridgeClient.OPS_USER);
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo("13");

        click(By.cssSelector("#req-rows tr[data-message-seq-id='" + msg + "']"));
        String line = "#line-rows tr[data-line-no='1']";
        wait.until(ExpectedConditions.textToBe(cell(line, "result"), "Success"));
        assertThat(text(cell(line, "sku"))).isEqualTo(sku);
        assertThat(text(cell(line, "updatedQty"))).isEqualTo("13");
        assertThat(text(cell(line, "message"))).isEqualTo("Product Quantity Successfully Updated to 13");
    }

    @Test
    void deadLetterIsDiscardedWithAReasonAndItsMarkupShownAsText() throws Exception {
        String sku = "IT-console-<img src=x onerror=document.title='injected'>-" + nextMessageId();
        long msg = nextMessageId();
        long letter = deadLetter(msg, sku, sku.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));

        signIn();
        String row = deadLetterRow(letter);
        wait.until(ExpectedConditions.textToBe(cell(row, "state"), "OPEN"));
        click(inside(row, "button[data-action='show']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dl-detail-body"), sku));
        click(By.cssSelector("#req-rows tr[data-message-seq-id='" + msg + "']"));
        String line = "#line-rows tr[data-line-no='1']";
        wait.until(ExpectedConditions.textToBe(cell(line, "result"), "Failed"));
        assertThat(text(cell(line, "sku"))).isEqualTo(sku);
        assertThat(browser.findElements(By.cssSelector("#dl-detail img, #line-rows img")))
                .as("payload shown as text").isEmpty();
        assertThat(browser.getTitle()).isEqualTo("magento-bridge · ops console");

        click(inside(row, "button[data-action='discard']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("discard-reason")))
                .sendKeys("SKU retired in the ERP");
        click(By.id("discard-confirm"));

        wait.until(ExpectedConditions.attributeToBe(By.id("dl-outcome"), "data-state", "DISCARDED"));
        assertThat(text(By.id("dl-outcome")))
                .isEqualTo("Dead letter #" + letter + ": DISCARDED — SKU retired in the ERP");
        wait.until(ExpectedConditions.textToBe(cell(row, "state"), "DISCARDED"));
        assertThat(browser.findElements(inside(row, "button[data-action='replay']")))
                .as("no replay once discarded").isEmpty();
        JsonNode stored = json.readTree(bridge().opsGet("/ops/dead-letters/" + letter).body());
        assertThat(stored.get("state").asText()).isEqualTo("DISCARDED");
        assertThat(stored.get("discardReason").asText()).isEqualTo("SKU retired in the ERP");
        assertThat(stored.get("discardedBy").asText()).isEqualTo(BridgeClient.OPS_USER);
    }

    @Test
    void wrongCredentialsAreRefusedAtSignIn() {
        browser.get(bridge().base() + "/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys(BridgeClient.OPS_USER);
        browser.findElement(By.id("login-password")).sendKeys("not-the-password");
        click(By.id("login-submit"));

        wait.until(ExpectedConditions.textToBe(By.id("login-error"), "Wrong user or password."));
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
    }

    /** An inventory message whose Magento write fails until the retries are exhausted; returns its dead letter's id. */
    private long deadLetter(long msg, String sku, String skuInXml) {
        MAGENTO.addProduct(sku);
        MAGENTO.faults().onlyForPathContaining("source-items").failNext(100, 500);
        bridge().soap("/soap/default", BridgeClient.m2Envelope(msg, BridgeClient.line(skuInXml, 13, 8)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(msg, sku)).isEqualTo("Failed"));
        Matcher parked = Pattern.compile("Dead-lettered as #(\\d+)")
                .matcher(lineMessage(msg, sku));
        assertThat(parked.find()).as("the line names its dead letter: " + lineMessage(msg, sku)).isTrue();
        return Long.parseLong(parked.group(1));
    }

    private void signIn() {
        browser.get(bridge().base() + "/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-user"))).sendKeys(BridgeClient.OPS_USER);
        browser.findElement(By.id("login-password")).sendKeys(BridgeClient.OPS_PASSWORD);
        click(By.id("login-submit"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    }

    /** CSS of a dead letter's row in the list. */
    private static String deadLetterRow(long id) {
        return "#dl-rows tr[data-dead-letter-id='" + id + "']";
    }

    private static By cell(String row, String field) {
        return inside(row, "[data-field='" + field + "']");
    }

    private static By inside(String row, String selector) {
        return By.cssSelector(row + " " + selector);
    }

    private String text(By element) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(element)).getText();
    }

    /**
     * Clicks once the element is there, scrolled to the middle of the window (clear of the sticky header); a row
     * re-rendered by the auto-refresh meanwhile is looked up again.
     */
    private void click(By element) {
        wait.ignoring(ElementClickInterceptedException.class).until(browser -> {
            WebElement target = browser.findElement(element);
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
            target.click();
            return true;
        });
    }
}
