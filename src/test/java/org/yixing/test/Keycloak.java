package org.yixing.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * A real campus identity provider for the sign-on tests: Keycloak's own distribution
 * (unpacked by the build into {@code target/keycloak}), started once per test JVM in dev
 * mode on free loopback ports with the realm of {@code src/test/resources/keycloak}: the
 * client {@code yixing}, a second client {@code library}, and campus users whose user
 * name is their 学号, all with the password {@link #PASSWORD}.
 */
public final class Keycloak {

	public static final String REALM = "campus";

	public static final String CLIENT_ID = "yixing";

	public static final String CLIENT_SECRET = "yixing-campus-secret";

	public static final String OTHER_CLIENT_ID = "library";

	public static final String OTHER_CLIENT_SECRET = "library-secret";

	public static final String PASSWORD = "Campus-pass-1";

	private static Keycloak started;

	private final int port;

	private Keycloak(int port) {
		this.port = port;
	}

	/** The one provider of this JVM, started on first use (about 30 s). */
	public static synchronized Keycloak started() {
		if (started == null) {
			started = start();
		}
		return started;
	}

	public int port() {
		return this.port;
	}

	/** The issuer as the provider names it on its own port. */
	public String issuer() {
		return issuerOn(this.port);
	}

	/**
	 * The issuer as the provider names it when reached through another port (a proxy).
	 */
	public static String issuerOn(int port) {
		return "http://127.0.0.1:" + port + "/realms/" + REALM;
	}

	private static Keycloak start() {
		try {
			Path home;
			try (Stream<Path> unpacked = Files.list(Path.of("target/keycloak"))) {
				home = unpacked.filter((p) -> p.getFileName().toString().startsWith("keycloak-"))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("Keycloak is not unpacked: run mvn test-compile"))
					.toAbsolutePath();
			}
			// A fresh realm each run: its dev database goes, the realm file is imported
			// anew.
			Path data = home.resolve("data");
			FileSystemUtils.deleteRecursively(data.resolve("h2"));
			Files.createDirectories(data.resolve("import"));
			Files.copy(Path.of("src/test/resources/keycloak/campus-realm.json"),
					data.resolve("import/campus-realm.json"), StandardCopyOption.REPLACE_EXISTING);
			int port = freePort();
			int management = freePort();
			ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
					"--import-realm", "--http-host=127.0.0.1", "--http-port=" + port,
					"--http-management-port=" + management, "--cache=local")
				.redirectErrorStream(true)
				.redirectOutput(Path.of("target/keycloak.log").toFile());
			builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
			builder.environment()
				.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -Xms64m --add-opens java.base/java.lang=ALL-UNNAMED");
			Process process = builder.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				process.descendants().forEach(ProcessHandle::destroy);
				process.destroy();
			}));
			Keycloak keycloak = new Keycloak(port);
			awaitReady(process, URI.create(keycloak.issuer() + "/.well-known/openid-configuration"));
			return keycloak;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void awaitReady(Process process, URI discovery) {
		HttpClient http = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Keycloak stopped at start: see target/keycloak.log");
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("Keycloak did not start within 3 minutes: see target/keycloak.log");
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
