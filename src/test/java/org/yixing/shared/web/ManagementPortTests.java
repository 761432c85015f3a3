package org.yixing.shared.web;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code MANAGEMENT_SERVER_PORT} (docs/OPERATIONS.md, "Health and metrics"): health and
 * metrics move to a port of their own, which the reverse proxy does not serve, and leave
 * the public one; what Yixing measures of the public port's requests is still there, and
 * work that gives way to a busy node still watches the public port's requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.server.address=127.0.0.1" })
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ManagementPortTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	RequestsAtWork requestsAtWork;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void healthAndMetricsAreServedOnTheManagementPortAlone() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		assertThat(get(this.port, "/login").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/actuator/prometheus").statusCode()).isEqualTo(404);
		assertThat(get(this.port, "/actuator/health").statusCode()).isEqualTo(404);

		HttpResponse<String> readiness = get(this.managementPort, "/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"UP\"");
		HttpResponse<String> metrics = get(this.managementPort, "/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("yixing_warning{", "yixing_attendance_requests_seconds_count")
			.containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"200\",uri=\"/login\"");
	}

	/**
	 * A request whose body is still on its way holds a request thread of the public port.
	 */
	@Test
	void requestsAtWorkCountsThePublicPortsRequestsNotTheManagementPorts() throws Exception {
		assertThat(this.requestsAtWork.now()).isZero();
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 200\r\n\r\n{\"account\":")
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			long until = System.nanoTime() + 5_000_000_000L;
			while (this.requestsAtWork.now() == 0 && System.nanoTime() < until) {
				Thread.sleep(10);
			}
			assertThat(this.requestsAtWork.now()).as("requests at work on the public port").isEqualTo(1);
		}
		long until = System.nanoTime() + 5_000_000_000L;
		while (this.requestsAtWork.now() > 0 && System.nanoTime() < until) {
			Thread.sleep(10);
		}
		assertThat(this.requestsAtWork.now()).isZero();
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
