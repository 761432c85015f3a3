package org.yixing.shared.db;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.yixing.YixingApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new installation's first start, a stop and a second start, as an operator runs them
 * (no test profile): each start says what the database did in one line, and neither the
 * starts nor the stop leave a warning or an error in the log. The embedded server's own
 * lines count too: a connection it ends while it stops is a FATAL in its log.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietStartAndStopTests {

	@TempDir
	Path data;

	@Test
	void aFirstStartAStopAndASecondStartLogNoWarning(CapturedOutput output) {
		SpringApplication application = new SpringApplication(YixingApplication.class);
		application.setDefaultProperties(Map.of("server.port", "0", "spring.main.register-shutdown-hook", "false",
				"spring.main.banner-mode", "off"));
		String[] args = { "--yixing.data-dir=" + this.data, "--yixing.bootstrap.staff.id-number=",
				"--yixing.dev-tools=false" };
		application.run(args).close();
		String first = output.getOut();
		application.run(args).close();
		String second = output.getOut().substring(first.length());

		assertThat(first).contains("Embedded PostgreSQL started on port ")
			.contains(" with a new database in ")
			.containsPattern("Database yixing on PostgreSQL 17\\.\\d+: created the schema at version \\d+")
			.contains("Embedded PostgreSQL stopped");
		assertThat(second).contains(" with data in ")
			.containsPattern("Database yixing on PostgreSQL 17\\.\\d+: schema at version \\d+, nothing to migrate")
			.contains("Embedded PostgreSQL stopped");
		List<String> warnings = output.getOut()
			.lines()
			.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("FATAL"))
			.toList();
		assertThat(warnings).isEmpty();
	}

}
