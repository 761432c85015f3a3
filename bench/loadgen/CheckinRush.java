// The check-in rush load generator: one file, JDK only, run with `java CheckinRush.java`.
//
// Why a Java client on virtual threads rather than wrk: every request carries its own
// bearer token, device id and position, and check-outs need the session id that the
// check-in returned; a JDK HttpClient on virtual threads keeps thousands of such
// conversations open cheaply, and in open-loop mode it measures latency from each
// request's intended start (coordinated-omission aware), which wrk's closed loop does not.
//
// Usage: java CheckinRush.java <baseUrl> <volunteers> <code> <lat> <lng> <mode> [args]
//   mode closed <concurrency>          every volunteer checks in once, then out once
//   mode open <rate per s> <seconds>   check-ins at a fixed offered rate (then check-outs)
// Prints one JSON line per phase.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class CheckinRush {

	static final Pattern SESSION = Pattern.compile("\"sessionId\":\"([^\"]+)\"");

	static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

	static HttpClient http = HttpClient.newBuilder()
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.connectTimeout(Duration.ofSeconds(10))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	static String base;

	static String code;

	static double lat;

	static double lng;

	public static void main(String[] args) throws Exception {
		base = args[0];
		int volunteers = Integer.parseInt(args[1]);
		code = args[2];
		lat = Double.parseDouble(args[3]);
		lng = Double.parseDouble(args[4]);
		String mode = args[5];
		int round = Integer.parseInt(System.getProperty("round", "0"));
		String[] sessions = new String[volunteers + 1];
		if (mode.equals("closed")) {
			int concurrency = Integer.parseInt(args[6]);
			Phase in = closed("check-in", volunteers, concurrency, (i) -> checkIn(i, round, sessions));
			System.out.println(in.json("closed", concurrency));
			Phase out = closed("check-out", volunteers, concurrency, (i) -> checkOut(i, round, sessions));
			System.out.println(out.json("closed", concurrency));
		}
		else {
			double rate = Double.parseDouble(args[6]);
			int seconds = Integer.parseInt(args[7]);
			int count = (int) Math.min(volunteers, rate * seconds);
			Phase in = open("check-in", count, rate, (i) -> checkIn(i, round, sessions));
			System.out.println(in.json("open", rate));
			Phase out = closed("check-out", count, 64, (i) -> checkOut(i, round, sessions));
			System.out.println(out.json("closed", 64));
		}
	}

	/** Volunteer i's check-in; every 20th stands 400 m outside the 300 m fence. */
	static HttpResponse<String> checkIn(int i, int round, String[] sessions) throws Exception {
		double atLat = (i % 20 == 0) ? lat + 0.0063 : lat + ((i % 7) - 3) * 0.0002;
		String body = """
				{"checkInCode":"%s","location":{"lat":%.7f,"lng":%.7f,"accuracyMeters":15},"coordinateSystem":"WGS84",\
				"agreementAccepted":true,"agreementVersion":"2026-01","method":"QUICK"}""".formatted(code, atLat, lng);
		HttpResponse<String> response = send("/api/v1/check-ins", i, body);
		Matcher m = SESSION.matcher(response.body());
		if (response.statusCode() == 201 && m.find()) {
			sessions[i] = m.group(1);
		}
		return response;
	}

	static HttpResponse<String> checkOut(int i, int round, String[] sessions) throws Exception {
		if (sessions[i] == null) {
			return null;
		}
		String body = """
				{"location":{"lat":%.7f,"lng":%.7f,"accuracyMeters":15},"coordinateSystem":"WGS84"}""".formatted(lat,
				lng);
		return send("/api/v1/check-ins/" + sessions[i] + "/check-out", i, body);
	}

	static HttpResponse<String> send(String path, int i, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer bench-token-" + i)
			.header("X-Device-Id", "bench-device-" + i)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	interface Call {

		HttpResponse<String> run(int volunteer) throws Exception;

	}

	/** Closed loop: {@code concurrency} workers take volunteers 1..n from a queue. */
	static Phase closed(String name, int n, int concurrency, Call call) throws Exception {
		ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
		for (int i = 1; i <= n; i++) {
			queue.add(i);
		}
		Phase phase = new Phase(name, n);
		CountDownLatch done = new CountDownLatch(concurrency);
		long start = System.nanoTime();
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int w = 0; w < concurrency; w++) {
				pool.submit(() -> {
					for (Integer i = queue.poll(); i != null; i = queue.poll()) {
						long t0 = System.nanoTime();
						phase.record(t0, call, i);
					}
					done.countDown();
				});
			}
			done.await();
		}
		phase.elapsedNanos = System.nanoTime() - start;
		return phase;
	}

	/** Open loop at a fixed offered rate; latency counts from each request's intended start. */
	static Phase open(String name, int n, double rate, Call call) throws Exception {
		Phase phase = new Phase(name, n);
		long start = System.nanoTime();
		long interval = (long) (1e9 / rate);
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 1; i <= n; i++) {
				long intended = start + (i - 1) * interval;
				long wait = intended - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(Duration.ofNanos(wait));
				}
				int volunteer = i;
				pool.submit(() -> phase.record(intended, call, volunteer));
			}
		}
		phase.elapsedNanos = System.nanoTime() - start;
		return phase;
	}

	static final class Phase {

		final String name;

		final AtomicLongArray latencies;

		final AtomicInteger count = new AtomicInteger();

		final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

		long elapsedNanos;

		Phase(String name, int n) {
			this.name = name;
			this.latencies = new AtomicLongArray(n);
		}

		void record(long intendedStart, Call call, int volunteer) {
			String outcome;
			try {
				HttpResponse<String> response = call.run(volunteer);
				if (response == null) {
					return;
				}
				Matcher m = CODE.matcher(response.body());
				outcome = response.statusCode() + (m.find() ? " " + m.group(1) : "");
			}
			catch (Exception ex) {
				outcome = "EXCEPTION " + ex.getClass().getSimpleName();
			}
			this.latencies.set(this.count.getAndIncrement(), System.nanoTime() - intendedStart);
			this.outcomes.computeIfAbsent(outcome, (k) -> new AtomicInteger()).incrementAndGet();
		}

		String json(String mode, double load) {
			int n = this.count.get();
			long[] sorted = new long[n];
			for (int i = 0; i < n; i++) {
				sorted[i] = this.latencies.get(i);
			}
			Arrays.sort(sorted);
			Map<String, Integer> codes = new TreeMap<>();
			this.outcomes.forEach((k, v) -> codes.put(k, v.get()));
			int unexpected = codes.entrySet()
				.stream()
				.filter((e) -> !e.getKey().startsWith("20") && !e.getKey().equals("422 OUT_OF_RANGE"))
				.mapToInt(Map.Entry::getValue)
				.sum();
			List<String> parts = new ArrayList<>();
			codes.forEach((k, v) -> parts.add("\"" + k + "\":" + v));
			return ("{\"phase\":\"%s\",\"mode\":\"%s\",\"load\":%s,\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,"
					+ "\"p50\":%.2f,\"p95\":%.2f,\"p99\":%.2f,\"max\":%.2f,\"unexpected\":%d,\"outcomes\":{%s}}")
				.formatted(this.name, mode, (load == Math.floor(load)) ? String.valueOf((long) load) : String.valueOf(load),
						n, this.elapsedNanos / 1e9, n / (this.elapsedNanos / 1e9), q(sorted, 0.50), q(sorted, 0.95),
						q(sorted, 0.99), (n > 0) ? sorted[n - 1] / 1e6 : 0, unexpected, String.join(",", parts));
		}

		static double q(long[] sorted, double quantile) {
			if (sorted.length == 0) {
				return 0;
			}
			return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
		}

	}

}
