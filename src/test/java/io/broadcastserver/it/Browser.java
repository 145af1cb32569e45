package io.broadcastserver.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through ChromeDriver, both from Debian's packages. The paths are given
 * explicitly so Selenium never runs its manager, which would try to download a browser.
 */
public final class Browser implements AutoCloseable {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Opens a browser whose preferred language is {@code language} (e.g. "en-US" or "ru"). */
  public static Browser open(String language) {
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      // As root on a closed network: no sandbox, and no background connections that the network would refuse.
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1280,860", "--lang=" + language,
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
      ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
      return new Browser(new ChromeDriver(service, options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when Debian's Chromium and ChromeDriver are installed (.ci/run installs them). */
  public static boolean available() {
    return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
  }

  public void get(String url) {
    driver.get(url);
  }

  public WebElement find(String cssSelector) {
    return driver.findElement(By.cssSelector(cssSelector));
  }

  /** Waits until the element's text satisfies the condition, and returns it. */
  public String awaitText(String cssSelector, Predicate<String> condition, String description) {
    return new WebDriverWait(driver, WAIT).withMessage(description).until(d -> {
      for (WebElement element : d.findElements(By.cssSelector(cssSelector))) {
        String text = element.getText();
        if (condition.test(text)) {
          return text;
        }
      }
      return null;
    });
  }

  public Object script(String javascript) {
    return driver.executeScript(javascript);
  }

  /** Saves a PNG screenshot, creating the folder. */
  public Path screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
