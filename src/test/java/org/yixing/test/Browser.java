package org.yixing.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Geolocation;
import com.microsoft.playwright.options.ServiceWorkerPolicy;

/**
 * Debian's Chromium driven by Playwright for the browser tests (docs/ARCHITECTURE.md):
 * one browser per test class, a fresh context (cookies, storage) per person. Phones are
 * 360×640 with touch and geolocation granted; their screenshots go to
 * {@code docs/screenshots/}.
 */
public final class Browser implements AutoCloseable {

	public static final Path SCREENSHOTS = Path.of("docs/screenshots");

	private final Playwright playwright;

	private final com.microsoft.playwright.Browser chromium;

	private final String baseUrl;

	private final List<String> pageErrors = new java.util.concurrent.CopyOnWriteArrayList<>();

	public Browser(int port) {
		this(port, List.of());
	}

	/** With extra Chromium switches, e.g. a fake camera fed from a file. */
	public Browser(int port, List<String> extraArgs) {
		this.playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		List<String> args = new java.util.ArrayList<>(
				List.of("--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN"));
		args.addAll(extraArgs);
		this.chromium = this.playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(Paths.get(chromiumPath()))
				.setHeadless(true)
				.setArgs(args));
		this.baseUrl = "http://localhost:" + port;
	}

	/** A phone at 360×640 in zh-CN, standing at {@code lat, lng}. */
	public BrowserContext phone(double lat, double lng) {
		return phone(lat, lng, ServiceWorkerPolicy.BLOCK);
	}

	private BrowserContext phone(double lat, double lng, ServiceWorkerPolicy serviceWorkers) {
		BrowserContext context = this.chromium.newContext(new NewContextOptions().setViewportSize(360, 640)
			.setDeviceScaleFactor(2)
			.setIsMobile(true)
			.setHasTouch(true)
			.setLocale("zh-CN")
			.setTimezoneId("Asia/Shanghai")
			.setGeolocation(new Geolocation(lat, lng).setAccuracy(10))
			.setPermissions(List.of("geolocation"))
			.setServiceWorkers(serviceWorkers)
			.setAcceptDownloads(true)
			.setBaseURL(this.baseUrl));
		context.setDefaultTimeout(15_000);
		context.onPage(this::watch);
		return context;
	}

	/**
	 * A phone whose service worker runs (the pages made to open offline); the other
	 * phones block it so that every test sees the server's answer.
	 */
	public BrowserContext phoneWithServiceWorker(double lat, double lng) {
		return phone(lat, lng, ServiceWorkerPolicy.ALLOW);
	}

	/** A phone whose camera may be used as well (face check-in). */
	public BrowserContext phoneWithCamera(double lat, double lng) {
		BrowserContext context = phone(lat, lng);
		context.grantPermissions(List.of("geolocation", "camera"));
		return context;
	}

	/**
	 * Script errors, and whatever the Content-Security-Policy refused (an inline script,
	 * a handler, a foreign source): either fails the test that met it.
	 */
	private void watch(com.microsoft.playwright.Page page) {
		page.onPageError(this.pageErrors::add);
		page.onConsoleMessage((message) -> {
			if (message.text().contains("Content Security Policy")) {
				this.pageErrors.add("CSP: " + message.text());
			}
		});
	}

	/** Script errors of any page so far (a broken script fails the test that met it). */
	public List<String> pageErrors() {
		return List.copyOf(this.pageErrors);
	}

	public void forgetPageErrors() {
		this.pageErrors.clear();
	}

	/** A laptop (1280×800) or a tablet (820×1180) for the admin console. */
	public BrowserContext screen(int width, int height) {
		BrowserContext context = this.chromium.newContext(new NewContextOptions().setViewportSize(width, height)
			.setLocale("zh-CN")
			.setTimezoneId("Asia/Shanghai")
			.setAcceptDownloads(true)
			.setServiceWorkers(ServiceWorkerPolicy.BLOCK)
			.setBaseURL(this.baseUrl));
		context.setDefaultTimeout(15_000);
		context.onPage(this::watch);
		return context;
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * A new page of the context, signed in through the login form: on 首页 (its 签到 button
	 * showing) when it returns.
	 */
	public static Page signIn(BrowserContext context, String account, String password) {
		Page page = context.newPage();
		page.navigate("/login");
		page.getByLabel("身份证号或手机号").fill(account);
		page.getByLabel("密码").fill(password);
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录"))
			.click();
		com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator(".sign-hero")).isVisible();
		return page;
	}

	/** Saves the page as {@code docs/screenshots/<name>.png}. */
	public static void screenshot(Page page, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
	}

	private static String chromiumPath() {
		String configured = System.getenv("CHROMIUM_PATH");
		return (configured != null && !configured.isBlank()) ? configured : "/usr/bin/chromium";
	}

	@Override
	public void close() {
		this.chromium.close();
		this.playwright.close();
	}

}
