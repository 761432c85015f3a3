package org.yixing.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.microsoft.playwright.Page;

/**
 * axe-core (src/test/resources/axe, from npm with its provenance) run in a page: what it
 * finds of serious or critical impact, one line per rule with up to five of its elements.
 * Playwright evaluates the script itself, so the page's Content-Security-Policy, which
 * allows no inline script, does not stand in the way.
 */
public final class Axe {

	private static final String SOURCE = load();

	private Axe() {
	}

	@SuppressWarnings("unchecked")
	public static List<String> seriousViolations(Page page) {
		page.evaluate("() => { if (!window.axe) { " + SOURCE + "\n } }");
		return (List<String>) page.evaluate("""
				async () => {
				  const results = await window.axe.run(document, { resultTypes: ['violations'] });
				  return results.violations
				    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
				    .map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' at '
				      + v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', '));
				}""");
	}

	private static String load() {
		try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
