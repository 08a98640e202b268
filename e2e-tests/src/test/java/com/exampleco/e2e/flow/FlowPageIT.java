package com.exampleco.e2e.flow;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.exampleco.e2e.AppLogsOnFailure;
import com.exampleco.e2e.SampleEntries;
import com.exampleco.e2e.http.Http;
import com.exampleco.e2e.http.Response;
import com.exampleco.e2e.http.TokenEndpoint;
import com.exampleco.e2e.landscape.Landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The flow page in a real browser (Debian's headless Chromium and chromedriver) against
 * the three running applications: what a learner does with curl shows up on the page,
 * refusals say why, the filters and the pause work, the page follows a restarted service;
 * and the streams behind it are protected and carry no secret or token. Screenshots go to
 * {@code target/flow-page-*.png}. Skips, saying why, where no Chromium is installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlowPageIT {

	static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));

	/** Generous: the three JVMs and the browser share two cores with the build. */
	static final Duration APPEARS = Duration.ofSeconds(15);

	@TempDir
	static Path dir;

	static Landscape landscape;

	static WebDriver browser;

	static final Http http = new Http();

	static TokenEndpoint tokens;

	@RegisterExtension
	static final AppLogsOnFailure logs = new AppLogsOnFailure(() -> (landscape != null) ? landscape.apps() : null);

	@BeforeAll
	static void start() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"no " + CHROMIUM + " or " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
		landscape = Landscape.builder(dir).batchCron("*/2 * * * * *").build();
		SampleEntries.csv(landscape.inbox(), "flow-sample.csv", "EMP-F", 30);
		landscape.start();
		tokens = new TokenEndpoint(http, landscape.authServer().uri("/oauth/token"));
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900",
				"--disable-gpu", "--no-first-run", "--disable-extensions");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		browser.get(landscape.flowPage().toString());
		awaitSource("api", "connected");
		awaitSource("batch", "connected");
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (landscape != null) {
			landscape.close();
		}
	}

	@Test
	@Order(1)
	@DisplayName("the import job's run and its API calls appear, linked by the token's jti")
	void theImportJobsRunAppears() throws IOException {
		// Dropped once the page watches the job: the job keeps no history of runs nobody
		// watched.
		SampleEntries.csv(landscape.inbox(), "flow-dropped.csv", "EMP-G", 12);
		awaitText("File delivered");
		awaitText("POST /timesheets/upload → 200");
		WebElement upload = entry("POST /timesheets/upload → 200");
		assertThat(upload.getText()).contains("timesheets-import-job").contains("batch:upload");
		screenshot("import-run");
	}

	@Test
	@Order(2)
	@DisplayName("a learner's API call appears with its client, scopes and jti; a refused one says why and what to change")
	void anApiCallAndARefusalAppear() throws IOException {
		String reader = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		long sent = System.nanoTime();
		Response listed = http.get(landscape.api().uri("/timesheets"), reader);
		assertThat(listed.status()).isEqualTo(200);
		awaitText("GET /timesheets → 200");
		System.out.printf("FlowPageIT: an API call appeared on the page %d ms after it was sent%n",
				(System.nanoTime() - sent) / 1_000_000);
		assertThat(entry("GET /timesheets → 200").getText()).contains("timesheets-reader").contains("read:timesheets");

		Response forbidden = http.postJson(landscape.api().uri("/timesheets"), reader,
				"{\"employee_id\":\"E-1\",\"date\":\"2026-11-02\",\"project\":\"apollo\",\"hours\":1}");
		assertThat(forbidden.status()).isEqualTo(403);
		awaitText("POST /timesheets → 403");
		assertThat(entry("POST /timesheets → 403").getText()).contains("insufficient_scope")
			.contains("create:timesheets")
			.contains("What to change");

		String forged = reader.substring(0, reader.lastIndexOf('.') + 1) + "AAAA"
				+ reader.substring(reader.lastIndexOf('.') + 5);
		http.get(landscape.api().uri("/timesheets?flow=forged"), forged);
		awaitText("bad_signature");
		assertThat(entry("bad_signature").getText()).contains("401 invalid_token").contains("What to change");
		screenshot("api-calls");
	}

	@Test
	@Order(3)
	@DisplayName("a token request appears with its decoded claims, each explained (needs the tenant log stream)")
	void aTokenRequestAppears() throws IOException {
		assumeTrue(sourceState("auth").startsWith("connected"),
				"the authorization server has no tenant log stream yet (GET /api/v2/logs/stream): "
						+ sourceState("auth"));
		tokens.accessToken(landscape.clients().approver(), Landscape.AUDIENCE);
		awaitText("Token issued to timesheets-approver");
		WebElement issued = entry("Token issued to timesheets-approver");
		issued.findElement(By.tagName("summary")).click();
		assertThat(issued.getText()).contains("azp").contains("Authorized party").contains("gty").contains("exp");
		screenshot("token-request");
	}

	@Test
	@Order(4)
	@DisplayName("the filters show one client's events, or only the refusals; pause holds new events back")
	void filtersAndPause() throws IOException {
		Select client = new Select(browser.findElement(By.id("filter-client")));
		client.selectByValue("timesheets-reader");
		assertThat(visibleEntries()).isNotEmpty().allSatisfy((text) -> assertThat(text).contains("timesheets-reader"));
		screenshot("filter-client");
		client.selectByValue("");

		Select outcome = new Select(browser.findElement(By.id("filter-outcome")));
		outcome.selectByValue("refused");
		assertThat(visibleEntries()).isNotEmpty()
			.allSatisfy((text) -> assertThat(text).containsAnyOf("invalid_token", "insufficient_scope", "refused",
					"failed", "retried", "no_token"));
		outcome.selectByValue("");

		WebElement pause = browser.findElement(By.id("pause"));
		pause.click();
		assertThat(pause.getAttribute("aria-pressed")).isEqualTo("true");
		String reader = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		http.get(landscape.api().uri("/timesheets?flow=paused"), reader);
		new WebDriverWait(browser, APPEARS)
			.until((driver) -> driver.findElement(By.id("counter")).getText().matches(".*paused, [1-9]\\d* waiting.*"));
		screenshot("paused");
		pause.click();
		awaitCount("GET /timesheets → 200", 2);
	}

	@Test
	@Order(5)
	@DisplayName("the services' streams refuse a token without their read scope")
	void theStreamsNeedTheirReadScope() throws Exception {
		String reader = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		assertThat(status(landscape.api().uri("/events"), null)).isEqualTo(401);
		assertThat(status(landscape.api().uri("/events"), reader)).isEqualTo(403);
		assertThat(status(landscape.batchClient().uri("/events"), null)).isEqualTo(401);
		// A token for the Timesheets API is not a token for the import job.
		assertThat(status(landscape.batchClient().uri("/events"), reader)).isEqualTo(401);
		assertThat(status(landscape.authServer().uri("/api/v2/logs/stream"), reader)).isIn(401, 403, 404);
	}

	@Test
	@Order(6)
	@DisplayName("no event on the page's stream carries a client secret or a whole token")
	void noSecretOrTokenInAnyEvent() throws Exception {
		String reader = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		String raw = readPageStream(Duration.ofSeconds(5),
				() -> http.get(landscape.api().uri("/timesheets?flow=secrets"), reader));
		assertThat(raw).contains("event:flow").contains("\"method\":\"GET\"");
		assertThat(raw).doesNotContain(reader).doesNotContain(reader.substring(reader.lastIndexOf('.') + 1));
		for (String secret : List.of(landscape.clients().reader().secret(), landscape.clients().importJob().secret(),
				landscape.clients().approver().secret(), landscape.clients().noGrant().secret())) {
			assertThat(raw).doesNotContain(secret);
		}
		assertThat(raw).doesNotContainIgnoringCase("client_secret\"").doesNotContain("access_token\"");
		assertThat(raw).doesNotContainPattern("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{20,}");
	}

	@Test
	@Order(7)
	@DisplayName("after the API restarts, the page reconnects to it by itself and shows new calls")
	void reconnectsAfterARestart() throws IOException {
		landscape.api().stop();
		awaitSource("api", "disconnected");
		landscape.api().start().awaitHealthy(Landscape.STARTUP_TIMEOUT);
		new WebDriverWait(browser, Duration.ofSeconds(90))
			.until((driver) -> sourceState("api").startsWith("connected"));
		String reader = tokens.accessToken(landscape.clients().reader(), Landscape.AUDIENCE);
		http.get(landscape.api().uri("/timesheets?flow=restarted"), reader);
		awaitCount("GET /timesheets → 200", 3);
		screenshot("after-restart");
	}

	// --- helpers ---

	private static void awaitSource(String source, String state) {
		new WebDriverWait(browser, Landscape.STARTUP_TIMEOUT).until((driver) -> sourceState(source).startsWith(state));
	}

	private static String sourceState(String source) {
		return browser.findElement(By.cssSelector("#sources li[data-source='" + source + "'] .state")).getText();
	}

	private static void awaitText(String text) {
		new WebDriverWait(browser, APPEARS)
			.until((driver) -> visibleEntries().stream().anyMatch((t) -> t.contains(text)));
	}

	private static void awaitCount(String text, int count) {
		new WebDriverWait(browser, APPEARS)
			.until((driver) -> visibleEntries().stream().filter((t) -> t.contains(text)).count() >= count);
	}

	private static WebElement entry(String text) {
		return browser.findElements(By.cssSelector("#events > li"))
			.stream()
			.filter((item) -> item.isDisplayed() && item.getText().contains(text))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The text of every shown entry, in one round trip to the browser (one per entry
	 * would take seconds).
	 */
	@SuppressWarnings("unchecked")
	private static List<String> visibleEntries() {
		return (List<String>) ((JavascriptExecutor) browser).executeScript(
				"return [...document.querySelectorAll('#events > li')].filter((e) => !e.hidden).map((e) => e.innerText);");
	}

	private static void screenshot(String name) throws IOException {
		Path target = Path.of("target", "flow-page-" + name + ".png");
		Files.createDirectories(target.getParent());
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	private static int status(URI uri, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		response.body().close();
		return response.statusCode();
	}

	/**
	 * The page's own stream, read raw for a while, with an action done once it is open.
	 */
	private static String readPageStream(Duration duration, Runnable action) throws Exception {
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(landscape.authServer().uri("/flow/events"))
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		StringBuffer raw = new StringBuffer();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					raw.append(line).append('\n');
				}
			}
			catch (IOException ex) {
				// closed below
			}
		});
		reader.setDaemon(true);
		reader.start();
		action.run();
		Thread.sleep(duration.toMillis());
		response.body().close();
		return raw.toString();
	}

}
