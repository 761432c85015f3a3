// The failover storm's client: one file, JDK only, run with `java FailoverStorm.java`.
//
// Every volunteer (bench/seed.sql's bench-token-<i>, device bench-device-<i>) checks in and
// then out, each request with its own Idempotency-Key. A request that is not answered 2xx
// (503 while the database fails over, a refused connection, a timeout) is sent again with
// the same key until it is, for up to two minutes: what a phone on the volunteer app does.
// Prints one JSON line: requests sent, failed attempts by kind, the longest time any
// request took from its first attempt to its success, and the longest gap in which no
// request succeeded (the outage as clients saw it). Writes every acknowledged session id
// to the file given, one per line, with CHECKED_IN or COMPLETED, for the script to check
// against the new primary.
//
// Usage: java FailoverStorm.java <baseUrl> <volunteers> <code> <lat> <lng> <threads> <ackFile>

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FailoverStorm {

	static final Pattern SESSION = Pattern.compile("\"sessionId\":\"([^\"]+)\"");

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static final AtomicInteger requests = new AtomicInteger();

	static final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

	static final AtomicLong longestMillis = new AtomicLong();

	static final ConcurrentLinkedQueue<Long> successes = new ConcurrentLinkedQueue<>();

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int volunteers = Integer.parseInt(args[1]);
		String code = args[2];
		String lat = args[3];
		String lng = args[4];
		int threads = Integer.parseInt(args[5]);
		Path ackFile = Path.of(args[6]);
		ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long start = System.nanoTime();
		for (int i = 1; i <= volunteers; i++) {
			int n = i;
			pool.submit(() -> {
				String token = "bench-token-" + n;
				String device = "bench-device-" + n;
				String in = until2xx(base + "/api/v1/check-ins", token, device,
						"{\"checkInCode\":\"" + code + "\",\"location\":{\"lat\":" + lat + ",\"lng\":" + lng
								+ ",\"accuracyMeters\":10},\"coordinateSystem\":\"WGS84\",\"agreementAccepted\":true,"
								+ "\"agreementVersion\":\"2026-01\",\"method\":\"QUICK\"}");
				if (in == null) {
					return null;
				}
				Matcher m = SESSION.matcher(in);
				if (!m.find()) {
					failures.computeIfAbsent("no-session-id", (k) -> new AtomicInteger()).incrementAndGet();
					return null;
				}
				String session = m.group(1);
				acknowledged.add(session + " CHECKED_IN");
				String out = until2xx(base + "/api/v1/check-ins/" + session + "/check-out", token, device,
						"{\"location\":{\"lat\":" + lat + ",\"lng\":" + lng
								+ ",\"accuracyMeters\":10},\"coordinateSystem\":\"WGS84\"}");
				if (out != null) {
					acknowledged.add(session + " COMPLETED");
				}
				return null;
			});
		}
		pool.shutdown();
		pool.awaitTermination(30, TimeUnit.MINUTES);
		double seconds = (System.nanoTime() - start) / 1e9;
		Files.write(ackFile, new ArrayList<>(acknowledged));
		List<Long> times = new ArrayList<>(successes);
		times.sort(null);
		long gap = 0;
		for (int i = 1; i < times.size(); i++) {
			gap = Math.max(gap, times.get(i) - times.get(i - 1));
		}
		StringBuilder kinds = new StringBuilder("{");
		failures.forEach((k, v) -> kinds.append(kinds.length() > 1 ? "," : "").append('"').append(k).append("\":")
			.append(v.get()));
		kinds.append('}');
		System.out.printf(
				"{\"volunteers\":%d,\"requests\":%d,\"seconds\":%.1f,\"failedAttempts\":%s,\"acknowledged\":%d,"
						+ "\"longestRequestMs\":%d,\"longestGapWithoutSuccessMs\":%d}%n",
				volunteers, requests.get(), seconds, kinds, acknowledged.size(), longestMillis.get(), gap / 1_000_000);
	}

	/** Sends until a 2xx answer (same Idempotency-Key each time); null after two minutes. */
	static String until2xx(String url, String token, String device, String body) {
		String key = UUID.randomUUID().toString();
		long first = System.nanoTime();
		while (System.nanoTime() - first < TimeUnit.MINUTES.toNanos(2)) {
			requests.incrementAndGet();
			try {
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
					.timeout(Duration.ofSeconds(10))
					.header("Authorization", "Bearer " + token)
					.header("X-Device-Id", device)
					.header("Idempotency-Key", key)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() / 100 == 2) {
					long now = System.nanoTime();
					successes.add(now);
					longestMillis.accumulateAndGet((now - first) / 1_000_000, Math::max);
					return response.body();
				}
				failures.computeIfAbsent(String.valueOf(response.statusCode()), (k) -> new AtomicInteger())
					.incrementAndGet();
				if (response.statusCode() / 100 == 4) {
					// a refusal by the rules, not a fault: no retry makes it succeed
					System.err.println(url + " → " + response.statusCode() + " " + response.body());
					return null;
				}
			}
			catch (Exception ex) {
				failures.computeIfAbsent(ex.getClass().getSimpleName(), (k) -> new AtomicInteger()).incrementAndGet();
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		failures.computeIfAbsent("gave-up", (k) -> new AtomicInteger()).incrementAndGet();
		return null;
	}

}
