package org.yixing.face;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.FaceFixtures;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Face check-in through the HTTP API on the embedded PostgreSQL, against quick check-in
 * on the same machine and server: one volunteer at a time (latency: base64 and JSON,
 * decode, detection, alignment, embedding, every check of RULES §6 and the session's
 * insert), then 8 at once (throughput on the cores-sized pool), then a burst of 120 at
 * once (the pool's queue answers {@code FACE_BUSY} with Retry-After instead of piling
 * up). Pictures are 640×480 camera frames as the camera page sends them. Run with
 * {@code bash bench/face-check-in.sh}; results in {@code target/bench/face-check-in.txt}.
 */
@ApiTest
@Tag("benchmark")
class FaceCheckInBenchmark {

	static {
		// as YixingApplication.main does for the server it starts
		org.yixing.shared.IdleFootprint.apply();
	}

	static final int SEQUENTIAL = 40;

	/** More than the pool's threads and queue hold on 2 cores (2 + 64). */
	static final int BURST = 120;

	@Autowired
	Api api;

	@Test
	void measure() throws Exception {
		Attendance attendance = new Attendance(this.api);
		Volunteers volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		attendance.fixClock("2026-11-25T10:05:00+08:00");
		String association = organizations.createTopLevel("人脸基准协会");
		String code = attendance
			.publish(association, organizations.staffToken(), "2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
					Map.of("membersOnly", false))
			.field("checkInCode");
		List<FaceFixtures.Face> faces = FaceFixtures.faces();
		Map<String, String> frames = new HashMap<>();
		for (FaceFixtures.Face face : faces) {
			frames.put(face.name(), FaceFixtures.base64(FaceEvaluationBenchmark.cameraFrame(face)));
		}
		int total = SEQUENTIAL * 2 + 8 * 10 + BURST;
		List<Volunteers.Registered> people = new ArrayList<>();
		List<String> faceOf = new ArrayList<>();
		for (int i = 0; i < total; i++) {
			Volunteers.Registered v = volunteers.register();
			FaceFixtures.Face face = faces.get(i % faces.size());
			Api.Response enrolled = this.api.put("/me/face",
					Map.of("image", FaceFixtures.base64(face.jpeg()), "consentVersion", FaceConsent.CURRENT.version()),
					v.token());
			assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(204);
			people.add(v);
			faceOf.add(face.name());
		}
		int next = 0;
		// Warm-up: the JIT and both pools.
		for (int i = 0; i < 5; i++) {
			attendance.checkIn(people.get(next).token(), Attendance.newDevice(), code);
			next++;
		}
		List<Double> quick = new ArrayList<>();
		for (int i = 0; i < SEQUENTIAL - 5; i++, next++) {
			long start = System.nanoTime();
			Api.Response r = attendance.checkIn(people.get(next).token(), Attendance.newDevice(), code);
			quick.add((System.nanoTime() - start) / 1e6);
			assertThat(r.status()).isEqualTo(201);
		}
		List<Double> face = new ArrayList<>();
		for (int i = 0; i < SEQUENTIAL; i++, next++) {
			Map<String, Object> body = Map.of("method", "FACE", "faceImage", frames.get(faceOf.get(next)));
			long start = System.nanoTime();
			Api.Response r = attendance.checkIn(people.get(next).token(), Attendance.newDevice(), code, Attendance.LAT,
					Attendance.LNG, body);
			face.add((System.nanoTime() - start) / 1e6);
			assertThat(r.status()).as(r.toString()).isEqualTo(201);
		}
		// 8 at once, 10 each.
		ExecutorService clients = Executors.newFixedThreadPool(BURST);
		long parallelStart = System.nanoTime();
		List<Future<Integer>> parallel = new ArrayList<>();
		for (int i = 0; i < 80; i++, next++) {
			int who = next;
			parallel.add(clients.submit(
					() -> attendance
						.checkIn(people.get(who).token(), Attendance.newDevice(), code, Attendance.LAT, Attendance.LNG,
								Map.of("method", "FACE", "faceImage", frames.get(faceOf.get(who))))
						.status()));
			if (parallel.size() % 8 == 0) {
				for (Future<Integer> f : parallel.subList(parallel.size() - 8, parallel.size())) {
					f.get();
				}
			}
		}
		double parallelSeconds = (System.nanoTime() - parallelStart) / 1e9;
		long parallelOk = 0;
		for (Future<Integer> f : parallel) {
			parallelOk += (f.get() == 201) ? 1 : 0;
		}
		// A burst at once.
		Map<String, Integer> burst = new ConcurrentHashMap<>();
		List<Future<?>> burstCalls = new ArrayList<>();
		long burstStart = System.nanoTime();
		for (int i = 0; i < BURST; i++, next++) {
			int who = next;
			burstCalls.add(clients.submit(() -> {
				Api.Response r = attendance.checkIn(people.get(who).token(), Attendance.newDevice(), code,
						Attendance.LAT, Attendance.LNG,
						Map.of("method", "FACE", "faceImage", frames.get(faceOf.get(who))));
				String key = r.status() + (r.code().isEmpty() ? "" : " " + r.code())
						+ (r.header("Retry-After").isEmpty() ? "" : " Retry-After " + r.header("Retry-After"));
				burst.merge(key, 1, Integer::sum);
			}));
		}
		for (Future<?> f : burstCalls) {
			f.get();
		}
		double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
		clients.shutdown();

		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"Face check-in over HTTP on %d cores, embedded PostgreSQL, 640x480 JPEG camera frames%n",
				Runtime.getRuntime().availableProcessors()));
		out.append("one at a time (ms)          n    p50    p95    max\n");
		out.append(row("quick check-in", quick)).append(row("face check-in", face));
		out.append(String.format(Locale.ROOT,
				"%n8 at once: %d face check-ins in %.2f s = %.1f per second, %d refused%n", parallel.size(),
				parallelSeconds, parallel.size() / parallelSeconds, parallel.size() - parallelOk));
		out.append(String.format(Locale.ROOT, "A burst of %d at once, in %.2f s: %s%n", BURST, burstSeconds, burst));
		// issue 25: memory after these face check-ins; the server and this client share
		// the JVM (and its test framework), so this is an upper bound for the server
		// alone
		Thread.sleep(15_000);
		out.append(String.format(Locale.ROOT,
				"%nResident memory of this JVM (server, client and test framework) 15 s after them: %d MiB%n",
				residentMiB()));
		Path file = Path.of("target/bench/face-check-in.txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, out);
		System.out.print(out);
	}

	private static long residentMiB() throws java.io.IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
			}
		}
		return -1;
	}

	private static String row(String name, List<Double> values) {
		double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return String.format(Locale.ROOT, "%-24s %4d %6.1f %6.1f %6.1f%n", name, v.length,
				FaceEvaluationBenchmark.pct(v, 50), FaceEvaluationBenchmark.pct(v, 95), v[v.length - 1]);
	}

}
