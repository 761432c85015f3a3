package org.yixing.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Activities, check-ins and check-outs through the API, around the campus of 中南财经政法大学.
 */
public final class Attendance {

	public static final double LAT = 30.4745;

	public static final double LNG = 114.3876;

	private final Api api;

	public Attendance(Api api) {
		this.api = api;
	}

	public static Map<String, Object> circle(int radius) {
		return Map.of("type", "CIRCLE", "center", Map.of("lat", LAT, "lng", LNG), "radiusMeters", radius);
	}

	/** Publishes an activity with a 200 m circle and returns its JSON. */
	public Api.Response publish(String organizationId, String adminToken, String startAt, String endAt,
			Map<String, Object> extra) {
		Map<String, Object> body = new HashMap<>(Map.of("title", "图书馆志愿服务", "description", "整理书架", "startAt", startAt,
				"endAt", endAt, "geofence", circle(200), "coordinateSystem", "WGS84", "membersOnly", true));
		body.putAll(extra);
		Api.Response published = this.api.post("/organizations/" + organizationId + "/activities", body, adminToken);
		assertThat(published.status()).as(published.toString()).isEqualTo(201);
		return published;
	}

	public Api.Response checkIn(String token, String device, String code) {
		return checkIn(token, device, code, LAT, LNG, Map.of());
	}

	public Api.Response checkIn(String token, String device, String code, double lat, double lng,
			Map<String, Object> extra) {
		Map<String, Object> body = new HashMap<>(checkInBody(code, lat, lng));
		body.putAll(extra);
		return this.api.send("POST", "/check-ins", body, token, headers(device));
	}

	/** A quick check-in's body: the code, the position (accuracy 12 m), the agreement. */
	public static Map<String, Object> checkInBody(String code, double lat, double lng) {
		return Map.of("checkInCode", code, "location", Map.of("lat", lat, "lng", lng, "accuracyMeters", 12),
				"coordinateSystem", "WGS84", "agreementAccepted", true, "agreementVersion", "2026-01", "method",
				"QUICK");
	}

	public Api.Response checkOut(String token, String device, String sessionId) {
		return checkOut(token, device, sessionId, LAT, LNG);
	}

	public Api.Response checkOut(String token, String device, String sessionId, double lat, double lng) {
		return this.api.send("POST", "/check-ins/" + sessionId + "/check-out",
				Map.of("location", Map.of("lat", lat, "lng", lng, "accuracyMeters", 8), "coordinateSystem", "WGS84"),
				token, headers(device));
	}

	/**
	 * The clock at 2026-12-01 10:00 in Beijing, and an activity open to everyone of a new
	 * association, running 09:30–12:00 with a 300 m circle at {@link #LAT}, {@link #LNG}.
	 * @return its sign-in code
	 */
	public String openActivityNow(Organizations organizations, String name) {
		fixClock("2026-12-01T10:00:00+08:00");
		String association = organizations.createTopLevel(name + System.nanoTime() % 100_000);
		return publish(association, organizations.staffToken(), "2026-12-01T09:30:00+08:00",
				"2026-12-01T12:00:00+08:00", Map.of("membersOnly", false))
			.field("checkInCode");
	}

	public void fixClock(String now) {
		assertThat(this.api.put("/dev/clock", Map.of("now", now), null).status()).isEqualTo(200);
	}

	public static String newDevice() {
		return "device-" + UUID.randomUUID();
	}

	private static Map<String, String> headers(@Nullable String device) {
		return (device != null) ? Map.of("X-Device-Id", device) : Map.of();
	}

	public static List<String> codes(Api.Response... responses) {
		return List.of(responses).stream().map(Api.Response::code).toList();
	}

	/**
	 * The volunteers check in to a new activity of the organization at the start and out
	 * at {@code until}, one after another, each credited before the next.
	 */
	public void serve(String staff, String organization, List<Volunteers.Registered> who, String start, String until) {
		Volunteers volunteers = new Volunteers(this.api);
		java.time.OffsetDateTime begin = java.time.OffsetDateTime.parse(start);
		java.time.OffsetDateTime end = java.time.OffsetDateTime.parse(until);
		String code = publish(organization, staff, start, end.plusHours(1).toString(),
				new HashMap<>(Map.of("membersOnly", false)))
			.field("checkInCode");
		fixClock(begin.toString());
		Map<Volunteers.Registered, String[]> sessions = new java.util.LinkedHashMap<>();
		for (Volunteers.Registered volunteer : who) {
			String token = volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
			String device = newDevice();
			sessions.put(volunteer, new String[] { token, device, checkIn(token, device, code).field("sessionId") });
		}
		int minute = 0;
		for (Map.Entry<Volunteers.Registered, String[]> session : sessions.entrySet()) {
			fixClock(end.plusSeconds(20L * minute++).toString());
			String[] s = session.getValue();
			int before = this.api.get("/me/hours", s[0]).body().path("creditMinutes").asInt();
			assertThat(checkOut(s[0], s[1], s[2]).status()).isEqualTo(200);
			// Credited before the clock moves on: the ledger records when.
			await().until(() -> this.api.get("/me/hours", s[0]).body().path("creditMinutes").asInt() > before);
		}
	}

}
