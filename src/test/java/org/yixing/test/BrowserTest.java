package org.yixing.test;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser test class: one Chromium for the class, and a test fails when any page it
 * opened threw a script error. Subclasses are {@link ApiTest}s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest {

	@Autowired
	protected Api api;

	@Value("${local.server.port}")
	protected int port;

	protected Browser browser;

	@BeforeAll
	void startBrowser() {
		this.browser = new Browser(this.port, browserArgs());
	}

	/** Extra Chromium switches for this class's browser. */
	protected List<String> browserArgs() {
		return List.of();
	}

	@AfterAll
	void closeBrowser() {
		this.browser.close();
	}

	@AfterEach
	void noScriptFailed() {
		List<String> errors = this.browser.pageErrors();
		this.browser.forgetPageErrors();
		assertThat(errors).as("script errors on the pages").isEmpty();
	}

}
