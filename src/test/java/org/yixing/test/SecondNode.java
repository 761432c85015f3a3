package org.yixing.test;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.yixing.YixingApplication;

/**
 * A second application node in the test JVM, on the same PostgreSQL as the test's own
 * context (its data source), with its own port and its own in-memory state: what two
 * servers behind a load balancer would be. A test class that needs one declares <pre>
 * &#64;RegisterExtension
 * static final SecondNode second = new SecondNode();
 * </pre> and it runs from before the class's first test (after the tables are emptied for
 * the class) to after its last, its {@code @AfterAll} methods included.
 */
public final class SecondNode implements BeforeAllCallback, AfterAllCallback {

	private final String[] settings;

	private @Nullable ConfigurableApplicationContext context;

	private @Nullable Api api;

	/**
	 * @param settings more {@code --name=value} arguments, e.g. the same as the test's
	 */
	public SecondNode(String... settings) {
		this.settings = settings.clone();
	}

	@Override
	public void beforeAll(ExtensionContext extension) {
		HikariDataSource database = SpringExtension.getApplicationContext(extension).getBean(HikariDataSource.class);
		this.context = start(database, this.settings);
		this.api = new Api(this.context.getEnvironment());
	}

	@Override
	public void afterAll(ExtensionContext extension) {
		if (this.context != null) {
			this.context.close();
			this.context = null;
			this.api = null;
		}
	}

	/** The second node's API client. */
	public Api api() {
		if (this.api == null) {
			throw new IllegalStateException("the second node runs only while its test class does");
		}
		return this.api;
	}

	/** The second node's application context, for its beans. */
	public ConfigurableApplicationContext context() {
		if (this.context == null) {
			throw new IllegalStateException("the second node runs only while its test class does");
		}
		return this.context;
	}

	/** The port the second node listens on. */
	public int port() {
		return context().getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static ConfigurableApplicationContext start(HikariDataSource database, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--yixing.db.url=" + database.getJdbcUrl(),
				"--yixing.db.user=" + database.getUsername(),
				"--yixing.db.password=" + java.util.Objects.toString(database.getPassword(), ""),
				"--spring.main.banner-mode=off"));
		arguments.addAll(List.of(settings));
		return new SpringApplicationBuilder(YixingApplication.class).profiles("test")
			.run(arguments.toArray(String[]::new));
	}

}
