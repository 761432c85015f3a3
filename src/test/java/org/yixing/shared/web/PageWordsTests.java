package org.yixing.shared.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every word a page or page controller asks for exists in zh-CN and in English, so that
 * no page ever shows a raw message key (docs/ARCHITECTURE.md).
 */
class PageWordsTests {

	static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z0-9_.]+)");

	static final Pattern JAVA_KEY = Pattern.compile("\"((?:ui|console)\\.[a-zA-Z0-9_.]+[a-zA-Z0-9_])\"");

	@Test
	void everyKeyThePagesUseHasAChineseAndAnEnglishText() throws IOException {
		Properties chinese = load("ui.properties", "messages.properties");
		Properties english = load("ui_en.properties", "messages_en.properties");
		Set<String> used = new TreeSet<>();
		collect(Path.of("src/main/resources/templates"), ".html", TEMPLATE_KEY, used);
		collect(Path.of("src/main/java"), ".java", JAVA_KEY, used);
		assertThat(used).hasSizeGreaterThan(100);
		assertThat(used.stream().filter((key) -> !chinese.containsKey(key))).as("missing in zh-CN").isEmpty();
		assertThat(used.stream().filter((key) -> !english.containsKey(key))).as("missing in English").isEmpty();
	}

	@Test
	void theChineseAndEnglishPageWordsHaveTheSameKeys() throws IOException {
		Properties chinese = load("ui.properties");
		Properties english = load("ui_en.properties");
		assertThat(english.stringPropertyNames()).isEqualTo(chinese.stringPropertyNames());
	}

	/**
	 * A key given twice in a file keeps its last text only: the console's navigation once
	 * showed 平台概况 for its section 平台管理 that way. Nor may a page word and a message share
	 * a key, where the messages would shadow it.
	 */
	/**
	 * A text with arguments goes through {@link java.text.MessageFormat}, where a lone
	 * apostrophe starts a quote and swallows what follows it ({@code {0}} shown as is):
	 * such a text writes it twice ({@code organization''s}).
	 */
	@Test
	void aTextWithArgumentsDoublesItsApostrophes() throws IOException {
		Properties all = load("ui.properties", "messages.properties", "ui_en.properties", "messages_en.properties");
		List<String> lone = all.stringPropertyNames()
			.stream()
			.filter((key) -> all.getProperty(key).contains("{0"))
			.filter((key) -> all.getProperty(key).replace("''", "").contains("'"))
			.sorted()
			.toList();
		assertThat(lone).as("texts with arguments and a lone apostrophe").isEmpty();
	}

	@Test
	void noKeyHasTwoTexts() throws IOException {
		for (String[] pair : new String[][] { { "ui.properties", "messages.properties" },
				{ "ui_en.properties", "messages_en.properties" } }) {
			Set<String> twice = new TreeSet<>();
			Properties ui = loadCounting(pair[0], twice);
			Properties messages = loadCounting(pair[1], twice);
			assertThat(twice).as("keys given twice in " + pair[0] + " or " + pair[1]).isEmpty();
			assertThat(ui.stringPropertyNames()).as("keys in both " + pair[0] + " and " + pair[1])
				.doesNotContainAnyElementsOf(messages.stringPropertyNames());
		}
	}

	private static Properties loadCounting(String name, Set<String> twice) throws IOException {
		Properties properties = new Properties() {

			@Override
			public synchronized Object put(Object key, Object value) {
				if (containsKey(key)) {
					twice.add(name + ": " + key);
				}
				return super.put(key, value);
			}

		};
		try (InputStream in = PageWordsTests.class.getResourceAsStream("/" + name)) {
			properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

	private static void collect(Path root, String suffix, Pattern pattern, Set<String> keys) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(suffix)).toList()) {
				Matcher matcher = pattern.matcher(Files.readString(file));
				while (matcher.find()) {
					keys.add(matcher.group(1));
				}
			}
		}
	}

	private static Properties load(String... names) throws IOException {
		Properties properties = new Properties();
		for (String name : names) {
			try (InputStream in = PageWordsTests.class.getResourceAsStream("/" + name)) {
				properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
			}
		}
		return properties;
	}

}
