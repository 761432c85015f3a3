package org.yixing.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.aop.support.AopUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.shared.Retention;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/PRIVACY.md says what is kept, why and for how long. A table that it does not name
 * is data nobody has accounted for: every table of the migrated schema must be named on
 * it, as {@code `table`} or {@code `table.column`}, in the table of personal data or
 * among the organizations' and the platform's own records.
 */
@ApiTest
class PrivacyInventoryTests {

	static final Path PRIVACY = Path.of("docs/PRIVACY.md");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	List<Retention> rules;

	@Test
	void everyTableOfTheSchemaIsNamedInThePrivacyPage() throws IOException {
		String page = Files.readString(PRIVACY);
		List<String> tables = this.jdbc.sql("""
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'
				ORDER BY table_name""").query(String.class).list();

		assertThat(tables).as("the schema").contains("accounts", "attendance_sessions", "reminders");
		assertThat(tables).filteredOn((table) -> !page.contains("`" + table + "`") && !page.contains("`" + table + "."))
			.as("tables docs/PRIVACY.md does not name")
			.isEmpty();
	}

	/** Every retention rule of the application is on the page's list of them. */
	@Test
	void everyRetentionRuleIsListedOnThePrivacyPage() throws IOException {
		String page = Files.readString(PRIVACY);
		List<String> rules = this.rules.stream().map((rule) -> {
			Class<?> type = AopUtils.getTargetClass(rule);
			String module = type.getPackageName().substring("org.yixing.".length());
			return "| `" + module + "/" + type.getSimpleName() + "` |";
		}).toList();
		assertThat(rules).as("the application's retention rules").hasSizeGreaterThanOrEqualTo(8);
		assertThat(rules).filteredOn((row) -> !page.contains(row))
			.as("retention rules docs/PRIVACY.md does not list")
			.isEmpty();
	}

}
