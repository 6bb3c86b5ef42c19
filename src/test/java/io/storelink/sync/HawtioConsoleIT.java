package io.storelink.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Logs into the Hawtio console in a real browser (Debian's chromium, driven through chromedriver) with the console
 * credentials, the way an operator does, and checks that the Camel routes and a route diagram show. The login goes
 * through Hawtio's own form; everything the console then shows comes through Jolokia with that session.
 */
@Order(1) // the first test class of its JVM (src/test/resources/junit-platform.properties): one bridge's MBeans to show
class HawtioConsoleIT extends BridgeTestSupport {

    private static final Duration SLOW = Duration.ofSeconds(120); // a shared CI machine renders slowly

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        profile = Files.createTempDirectory("storelink-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(new File(System.getProperty("storelink.chromium", "/usr/bin/chromium")));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1600,1000", "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("storelink.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            // what the console showed last, for a look after a failure
            Files.write(Path.of("target", "hawtio-last-page.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(Path.of("target", "hawtio-last-page.html"), browser.getPageSource());
            browser.quit();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
    }

    @Test
    void theConsoleLogsInWithTheConsoleCredentialsAndShowsTheRoutes() throws Exception {
        long started = System.nanoTime();
        String console = "http://127.0.0.1:" + port + "/actuator/hawtio/";
        browser.get(console);
        WebElement user = await(By.id("pf-login-username-id"));
        assertThat(browser.getCurrentUrl()).endsWith("/actuator/hawtio/login");

        // a wrong password keeps the form
        login(user, CONSOLE_PASSWORD + "-wrong");
        Awaitility.await().atMost(SLOW).until(() -> browser.getPageSource().contains("Invalid login credentials"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");

        login(await(By.id("pf-login-username-id")), CONSOLE_PASSWORD);
        // Camel is the first plugin: the route tree lists the routes of routes/*.camel.yaml
        assertThat(shownInTree("orders-to-salesforce")).isTrue();
        assertThat(shownInTree("shopify-webhooks")).isTrue();
        System.out.printf("console: logged in, routes in the tree after %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
        // select the route and wait for its diagram. The console re-renders when MBeans come and go (other bridges of
        // the test JVM start and stop routes): a click may be lost and a drawn diagram replaced by a spinner, so the
        // route is selected again until its diagram is drawn; React Flow keeps nodes hidden until laid out
        Awaitility.await().atMost(SLOW).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            if (!selected("shopify-webhooks")) {
                List<WebElement> node = browser.findElements(By.xpath("//*[text()='shopify-webhooks']"));
                if (node.isEmpty()) {
                    search("shopify-webhooks");
                } else {
                    node.get(0).click();
                }
                return false;
            }
            // one script for all nodes (the page is heavy with every test bridge's routes: a call per node was slow)
            List<?> drawn = (List<?>) ((JavascriptExecutor) browser).executeScript(
                    "return Array.from(document.querySelectorAll('.react-flow__node'))"
                            + ".filter(n => n.getClientRects().length > 0 && getComputedStyle(n).visibility !== 'hidden')"
                            + ".map(n => n.innerText);");
            return drawn.size() >= 3 && drawn.stream().anyMatch(text -> String.valueOf(text).contains("Choice"))
                    && !browser.findElements(By.xpath("//*[normalize-space(text())='Route Diagram']")).isEmpty();
        });
        System.out.printf("console: route diagram drawn after %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
        Path shot = Path.of("target", "hawtio-shopify-webhooks-diagram.png");
        Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES)); // for a look after a failure
    }

    /**
     * Waits until the tree shows this node. Other bridges' contexts of the test JVM (Spring's context cache) share its
     * MBean server: the tree then starts with every context collapsed (expanding them all made a page too heavy for a
     * loaded CI machine), so the node is searched for.
     */
    private boolean shownInTree(String name) {
        By node = By.xpath("//*[text()='" + name + "']");
        return Awaitility.await().atMost(SLOW).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            if (browser.findElements(node).isEmpty()) {
                search(name);
            }
            return !browser.findElements(node).isEmpty();
        }, shown -> shown);
    }

    private void search(String name) {
        WebElement search = browser.findElement(By.id("input-search"));
        search.clear();
        search.sendKeys(name);
    }

    /** The page's title (h1) names the selected tree node. */
    private boolean selected(String name) {
        return browser.findElements(By.cssSelector("h1")).stream().anyMatch(h -> h.getText().equals(name));
    }

    private void login(WebElement user, String password) {
        user.clear();
        user.sendKeys(CONSOLE_USER);
        WebElement field = browser.findElement(By.id("pf-login-password-id"));
        field.clear();
        field.sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private WebElement await(By what) {
        return Awaitility.await().atMost(SLOW).ignoreExceptions().until(() -> browser.findElement(what), e -> e != null);
    }
}
