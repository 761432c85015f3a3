package org.yixing.test;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.yixing.YixingApplication;

/**
 * A second application node in the test JVM, on the same PostgreSQL as the test's own
 * context (its data source), with its own port and its own in-memory state: what two
 * servers behind a load balancer would be.
 */
public final class SecondNode {

	private SecondNode() {
	}

	/**
	 * @param settings more {@code --name=value} arguments, e.g. the same as the test's
	 */
	public static ConfigurableApplicationContext start(HikariDataSource database, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--yixing.db.url=" + database.getJdbcUrl(),
				"--yixing.db.user=" + database.getUsername(),
				"--yixing.db.password=" + java.util.Objects.toString(database.getPassword(), ""),
				"--spring.main.banner-mode=off"));
		arguments.addAll(List.of(settings));
		return new SpringApplicationBuilder(YixingApplication.class).profiles("test")
			.run(arguments.toArray(String[]::new));
	}

}
