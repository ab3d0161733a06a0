package dev.salespipeline.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Wait;

/**
 * A real headless Chromium, driven by its chromedriver, signed in to the dashboard as one demo user. Both are found on
 * the machine ({@code CHROMIUM_BINARY} and {@code CHROMEDRIVER} override where); nothing is downloaded.
 * {@code ./test.sh} installs Debian's {@code chromium} and {@code chromium-driver} where they are missing.
 */
final class Browser implements AutoCloseable {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/snap/bin/chromium");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver",
            "/snap/bin/chromium.chromedriver");
    static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Wait<WebDriver> wait;

    private Browser(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(find("CHROMIUM_BINARY", BROWSERS, "Chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1600,1000", "--lang=" + language, "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(find("CHROMEDRIVER", DRIVERS, "chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = waiting(WAIT);
    }

    /** A new browser whose preferred language is English. */
    static Browser open() {
        return new Browser("en-US");
    }

    private static String find(String variable, List<String> candidates, String what) {
        Optional<String> configured = Optional.ofNullable(System.getenv(variable)).filter(path -> !path.isBlank());
        return configured.or(() -> candidates.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst())
                .orElseThrow(() -> new IllegalStateException("No " + what + " found (looked at " + candidates
                        + "; set " + variable + "). Run the tests with ./test.sh, which installs Debian's chromium and "
                        + "chromium-driver when they are missing."));
    }

    /** Opens the dashboard at a route, signing in at the identity provider's page as this demo user. */
    Browser signIn(String appUrl, String route, String user) {
        driver.get(appUrl + route);
        click(By.id("user-" + user));
        waitFor(By.cssSelector("[data-test=user-name]"));
        return this;
    }

    WebDriver driver() {
        return driver;
    }

    /** Waits that look again when the page has redrawn what they looked at (live updates redraw the board). */
    private Wait<WebDriver> waiting(Duration timeout) {
        return new FluentWait<WebDriver>(driver).withTimeout(timeout).pollingEvery(Duration.ofMillis(50))
                .ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class);
    }

    WebElement waitFor(By by) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return wait.until(condition::apply);
    }

    <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        return waiting(timeout).until(condition::apply);
    }

    /** Clicks what the locator finds, finding it again if the page redrew it meanwhile (a live update). */
    void click(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                waitFor(by).click();
                return;
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 10) {
                    throw redrawn;
                }
            }
        }
    }

    /** The card of a deal, wherever it is on the board. */
    By card(String dealId) {
        return By.cssSelector(".card[data-deal-id='" + dealId + "']");
    }

    /** The column a deal's card is in now, or null if it is not on the board. */
    String columnOf(String dealId) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> cards = driver.findElements(card(dealId));
                if (cards.isEmpty()) {
                    return null;
                }
                return cards.get(0).findElement(By.xpath("ancestor::section[contains(@class,'column')]"))
                        .getDomAttribute("data-stage-id");
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 10) {
                    throw redrawn;
                }
            }
        }
    }

    /** Drags a deal's card onto another column, as a person does with the mouse. */
    void drag(String dealId, String toStageId) {
        for (int attempt = 0; ; attempt++) {
            try {
                WebElement card = waitFor(card(dealId));
                WebElement target = column(toStageId);
                new Actions(driver).clickAndHold(card).moveByOffset(10, 10).moveToElement(target)
                        .pause(Duration.ofMillis(50)).release().perform();
                return;
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 10) {
                    throw redrawn;
                }
            }
        }
    }

    WebElement column(String stageId) {
        return waitFor(By.cssSelector(".column[data-stage-id='" + stageId + "']"));
    }

    /** Saves a screenshot of the whole window under target/screenshots. */
    Path screenshot(String name) {
        try {
            Path directory = Path.of("target", "screenshots");
            Files.createDirectories(directory);
            Path file = directory.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the page logged to its console (errors the app hit). */
    List<String> consoleErrors() {
        return driver.manage().logs().getAvailableLogTypes().contains("browser")
                ? driver.manage().logs().get("browser").getAll().stream()
                        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                        .map(entry -> entry.getMessage()).toList()
                : Stream.<String>empty().toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
