package org.yixing.shared.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http_server_requests_seconds}, which the operators' alerts and dashboards read
 * (docs/prometheus), counts every kind of answer with the labels they name: the API's and
 * the pages', answers written before Spring MVC (a sign-in page's redirect, a replayed
 * retry) and in it (a missing sign-in, a refusal's problem code, a path nobody serves, a
 * wrong method).
 */
@ApiTest
class RequestSeriesApiTests {

	static final Pattern SERIES = Pattern.compile("^http_server_requests_seconds_count\\{(.*)} ([0-9.E+]+)$",
			Pattern.MULTILINE);

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	@Test
	void everyKindOfAnswerIsCountedWithTheLabelsTheAlertsName() throws Exception {
		Attendance attendance = new Attendance(this.api);
		String code = attendance.openActivityNow(new Organizations(this.api), "请求指标协会");
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		String phone = Attendance.newDevice();
		Map<String, Double> before = scrape();

		assertThat(this.api.get("/me", volunteer.token()).status()).isEqualTo(200);
		assertThat(this.api.get("/me", "not-a-token").status()).isEqualTo(401);
		assertThat(attendance.checkIn(volunteer.token(), phone, code, Attendance.LAT + 0.05, Attendance.LNG, Map.of())
			.code()).isEqualTo("OUT_OF_RANGE");
		String key = UUID.randomUUID().toString();
		Api.Response first = checkIn(volunteer.token(), phone, code, key);
		assertThat(first.status()).isEqualTo(201);
		assertThat(checkIn(volunteer.token(), phone, code, key).header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(this.api.post("/check-ins", Map.of("checkInCode", "12"), volunteer.token()).status()).isEqualTo(400);
		assertThat(this.api.get("/no-such-thing", volunteer.token()).status()).isEqualTo(404);
		assertThat(this.api.send("PATCH", "/me", Map.of(), volunteer.token(), Map.of()).status()).isEqualTo(405);
		assertThat(this.api
			.sendBytes("POST", "/check-ins", "code".getBytes(), volunteer.token(), Map.of("Content-Type", "text/plain"))
			.status()).isEqualTo(415);
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://127.0.0.1:" + this.port;
		assertThat(get(http, base + "/check-in").statusCode()).isEqualTo(302);
		assertThat(get(http, base + "/").statusCode()).isEqualTo(200);
		assertThat(get(http, base + "/assets/app.css").statusCode()).isEqualTo(200);
		assertThat(get(http, base + "/actuator/health").statusCode()).isEqualTo(200);
		WebSession app = WebSession.signedIn(this.port, new Volunteers(this.api).register().phone(),
				Volunteers.PASSWORD);
		assertThat(app.get("/check-in").status()).isEqualTo(200);
		assertThat(app.get("/no-such-page").status()).isEqualTo(404);
		assertThat(
				app.post("/check-in", Map.of("code", code, "v", "2026-01", "lat", String.valueOf(Attendance.LAT + 0.05),
						"lng", String.valueOf(Attendance.LNG), "accuracy", "10"))
					.status())
			.isEqualTo(422);

		Map<String, Double> counted = new TreeMap<>();
		scrape().forEach((series, count) -> counted.put(series, count - before.getOrDefault(series, 0.0)));
		// every label of each series, as the alerts and dashboards read them (error and
		// exception "none" in all); an answer written before Spring MVC has no pattern
		// (the replayed retry, the redirect)
		Map<String, Double> expected = new TreeMap<>();
		EXPECTED.strip()
			.lines()
			.map((line) -> line.trim().split("\\s+"))
			.forEach((row) -> expected.put(series(row[0], row[1], row[2], row[3], row[4]), Double.parseDouble(row[5])));
		assertThat(counted).containsAllEntriesOf(expected);
	}

	/** method, outcome, problem, status, uri: how many of the requests above. */
	static final String EXPECTED = """
			GET   SUCCESS       none                    200  /api/v1/me          1
			GET   CLIENT_ERROR  UNAUTHENTICATED         401  /api/v1/me          1
			POST  CLIENT_ERROR  OUT_OF_RANGE            422  /api/v1/check-ins   1
			POST  SUCCESS       none                    201  /api/v1/check-ins   1
			POST  SUCCESS       none                    201  UNKNOWN             1
			POST  CLIENT_ERROR  VALIDATION_FAILED       400  /api/v1/check-ins   1
			GET   CLIENT_ERROR  NOT_FOUND               404  /**                 2
			PATCH CLIENT_ERROR  METHOD_NOT_ALLOWED      405  UNKNOWN             1
			POST  CLIENT_ERROR  UNSUPPORTED_MEDIA_TYPE  415  /api/v1/check-ins   1
			GET   REDIRECTION   none                    302  REDIRECTION         1
			GET   SUCCESS       none                    200  /                   1
			GET   SUCCESS       none                    200  /assets/**          1
			GET   SUCCESS       none                    200  /actuator/health    1
			GET   SUCCESS       none                    200  /check-in           1
			POST  CLIENT_ERROR  OUT_OF_RANGE            422  /check-in           1
			""";

	/** A series of the counter as the scrape writes it, its labels in order. */
	private static String series(String method, String outcome, String problem, String status, String uri) {
		return "error=\"none\",exception=\"none\",method=\"" + method + "\",outcome=\"" + outcome + "\",problem=\""
				+ problem + "\",status=\"" + status + "\",uri=\"" + uri + "\"";
	}

	private Api.Response checkIn(String token, String phone, String code, String key) {
		return this.api.send("POST", "/check-ins", Attendance.checkInBody(code, Attendance.LAT, Attendance.LNG), token,
				Map.of("X-Device-Id", phone, "Idempotency-Key", key));
	}

	private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Each series of the counter, by its labels as the scrape writes them: its count. */
	private Map<String, Double> scrape() {
		Map<String, Double> series = new TreeMap<>();
		Matcher line = SERIES.matcher(this.api.get("/actuator/prometheus").text());
		while (line.find()) {
			series.put(line.group(1), Double.parseDouble(line.group(2)));
		}
		return series;
	}

}
