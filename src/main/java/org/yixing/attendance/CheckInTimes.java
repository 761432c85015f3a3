package org.yixing.attendance;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * How long check-ins and check-outs took, counted in buckets: the timer
 * {@code yixing_attendance_requests_seconds} with {@code kind} {@code check-in} or
 * {@code check-out} and the buckets 50 ms (the 8:00 rush's goal for its p99,
 * docs/PERFORMANCE.md), 250 ms and 1 s, so that an operator sees the share answered in
 * time and is alerted when a rush is slow (docs/prometheus/yixing-alerts.yml). Every
 * answer counts, a refusal too. The API's and the volunteer app's paths alike, timed as
 * {@code http.server.requests} times them. A timer of its own: Prometheus cannot take
 * buckets for some series of {@code http_server_requests_seconds} and not for the others,
 * and buckets for all of them would multiply their series by five.
 */
@Component
class CheckInTimes implements ObservationHandler<ServerRequestObservationContext> {

	/** The check-ins' and check-outs' path patterns (POST), by kind. */
	static final Map<String, String> PATHS = Map.of("/api/v1/check-ins", "check-in", "/check-in", "check-in",
			"/check-in/face", "check-in", "/api/v1/check-ins/{sessionId}/check-out", "check-out");

	private static final String STARTED = CheckInTimes.class.getName() + ".started";

	/** Each path pattern's timer, its kind's. */
	private final Map<String, Timer> timers;

	CheckInTimes(MeterRegistry meters) {
		Map<String, Timer> byKind = Map.of("check-in", timer(meters, "check-in"), "check-out",
				timer(meters, "check-out"));
		this.timers = PATHS.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (path) -> byKind.get(path.getValue())));
	}

	private static Timer timer(MeterRegistry meters, String kind) {
		return Timer.builder("yixing.attendance.requests")
			.tag("kind", kind)
			.serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(1))
			.description("Check-ins and check-outs answered (the API's and the volunteer app's), by how long they took")
			.register(meters);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	@Override
	public void onStart(ServerRequestObservationContext context) {
		context.put(STARTED, System.nanoTime());
	}

	@Override
	public void onStop(ServerRequestObservationContext context) {
		Long started = context.get(STARTED);
		String pattern = context.getPathPattern();
		if (started == null || pattern == null || !"POST".equals(context.getCarrier().getMethod())) {
			return;
		}
		Timer timer = this.timers.get(pattern);
		if (timer != null) {
			timer.record(Duration.ofNanos(System.nanoTime() - started));
		}
	}

}
