// The check-in rush load generator: one file, JDK only, run with `java CheckinRush.java`.
//
// Why this client and not wrk: every request carries its own bearer token, device id and
// position, check-outs need the session id that the check-in returned, and the open-loop
// mode must measure latency from each request's intended start (coordinated-omission
// aware), which wrk's closed loop does not. The transport is deliberately minimal so that
// the client does not starve the server on a 2-core machine: plain blocking HTTP/1.1 over
// keep-alive sockets, one platform thread per connection, requests written from a
// request built as one byte array, responses parsed by Content-Length. The JDK's HttpClient
// cost about 0.7 ms of CPU per request here (a third of a core at the rates measured); this
// costs 0.08-0.1 ms, near pgbench's own client (docs/PERFORMANCE.md).
//
// Usage: java CheckinRush.java <baseUrl> <volunteers> <code> <lat> <lng> <mode> [args]
//   mode closed <concurrency> [check-in-only]
//                                      every volunteer checks in once, then out once
//   mode open <rate per s> <seconds>   check-ins at a fixed offered rate (then check-outs)
//   mode face <n> <face folder>        volunteers 1..n enrol a face, check in by face with a
//                                      640x480 camera frame, and check out (4 at a time)
// Prints one JSON line per phase.

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class CheckinRush {

	static final Pattern SESSION = Pattern.compile("\"sessionId\":\"([^\"]+)\"");

	static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

	static String host;

	static int port;

	static String code;

	static double lat;

	static double lng;

	public static void main(String[] args) throws Exception {
		URI base = URI.create(args[0]);
		host = base.getHost();
		port = base.getPort();
		int volunteers = Integer.parseInt(args[1]);
		code = args[2];
		lat = Double.parseDouble(args[3]);
		lng = Double.parseDouble(args[4]);
		String mode = args[5];
		String[] sessions = new String[volunteers + 1];
		if (mode.equals("closed")) {
			int concurrency = Integer.parseInt(args[6]);
			Phase in = closed("check-in", volunteers, concurrency, (c, i) -> checkIn(c, i, sessions));
			System.out.println(in.json("closed", concurrency));
			if (args.length > 7 && args[7].equals("check-in-only")) {
				return;
			}
			Phase out = closed("check-out", volunteers, concurrency, (c, i) -> checkOut(c, i, sessions));
			System.out.println(out.json("closed", concurrency));
		}
		else if (mode.equals("face")) {
			int n = Integer.parseInt(args[6]);
			Faces faces = new Faces(java.nio.file.Path.of(args[7]));
			Phase enrol = closed("face-enrolment", n, 2, (c, i) -> c.send("PUT", "/api/v1/me/face", i,
					"{\"image\":\"" + faces.enrolment(i) + "\",\"consentVersion\":\"" + FACE_CONSENT + "\"}"));
			System.out.println(enrol.json("closed", 2));
			Phase in = closed("face-check-in", n, 4, (c, i) -> faceCheckIn(c, i, sessions, faces));
			System.out.println(in.json("closed", 4));
			Phase out = closed("check-out", n, 4, (c, i) -> checkOut(c, i, sessions));
			System.out.println(out.json("closed", 4));
		}
		else {
			double rate = Double.parseDouble(args[6]);
			int seconds = Integer.parseInt(args[7]);
			int count = (int) Math.min(volunteers, rate * seconds);
			Phase in = open("check-in", count, rate, 64, (c, i) -> checkIn(c, i, sessions));
			System.out.println(in.json("open", rate));
			in.timeline(System.err);
			Phase out = closed("check-out", count, 64, (c, i) -> checkOut(c, i, sessions));
			System.out.println(out.json("closed", 64));
		}
	}

	/** Volunteer i's check-in; every 20th stands 400 m outside the 300 m fence. */
	static Response checkIn(Connection connection, int i, String[] sessions) throws IOException {
		double atLat = (i % 20 == 0) ? lat + 0.0063 : lat + ((i % 7) - 3) * 0.0002;
		return checkIn(connection, i, sessions, atLat, "\"method\":\"QUICK\"");
	}

	/** The face consent's current version (FaceConsent.CURRENT). */
	static final String FACE_CONSENT = "face-2026-11";

	/** Volunteer i's check-in by face, inside the fence. */
	static Response faceCheckIn(Connection connection, int i, String[] sessions, Faces faces) throws IOException {
		return checkIn(connection, i, sessions, lat, "\"method\":\"FACE\",\"faceImage\":\"" + faces.frame(i) + "\"");
	}

	/** Posts volunteer i's check-in at this latitude with this method, and keeps the session id it returns. */
	static Response checkIn(Connection connection, int i, String[] sessions, double atLat, String method)
			throws IOException {
		String body = "{\"checkInCode\":\"" + code + "\",\"location\":{\"lat\":" + atLat + ",\"lng\":" + lng
				+ ",\"accuracyMeters\":15},\"coordinateSystem\":\"WGS84\",\"agreementAccepted\":true,"
				+ "\"agreementVersion\":\"2026-01\"," + method + "}";
		Response response = connection.post("/api/v1/check-ins", i, body);
		if (response.status() == 201) {
			Matcher m = SESSION.matcher(response.body());
			if (m.find()) {
				sessions[i] = m.group(1);
			}
		}
		return response;
	}

	/**
	 * The face photos of the tests (src/test/resources/face: single-face crops of demo
	 * photos, faces.csv), as the enrolment page and the camera page send them: volunteer i
	 * enrols crop i mod count and checks in with a 640x480 camera frame of the same crop.
	 */
	static final class Faces {

		final List<String> enrolments = new ArrayList<>();

		final List<String> frames = new ArrayList<>();

		Faces(java.nio.file.Path folder) throws IOException {
			Map<Integer, java.awt.image.BufferedImage> samples = new java.util.HashMap<>();
			for (String line : java.nio.file.Files.readAllLines(folder.resolve("faces.csv"))) {
				if (line.isBlank() || line.startsWith("#") || line.startsWith("name,")) {
					continue;
				}
				String[] f = line.strip().split(",");
				int sample = Integer.parseInt(f[1]);
				java.awt.image.BufferedImage whole = samples.computeIfAbsent(sample, (k) -> {
					try {
						return javax.imageio.ImageIO.read(folder.resolve("sample" + k + ".jpg").toFile());
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				});
				java.awt.image.BufferedImage crop = whole.getSubimage(Integer.parseInt(f[2]), Integer.parseInt(f[3]),
						Integer.parseInt(f[4]), Integer.parseInt(f[5]));
				this.enrolments.add(jpeg(crop, 0, 0, crop.getWidth(), crop.getHeight(), crop.getWidth(),
						crop.getHeight(), 0.92f));
				this.frames.add(jpeg(crop, 80, 0, 480, 480, 640, 480, 0.9f));
			}
		}

		String enrolment(int volunteer) {
			return this.enrolments.get(volunteer % this.enrolments.size());
		}

		String frame(int volunteer) {
			return this.frames.get(volunteer % this.frames.size());
		}

		/** The picture drawn at (x, y, w, h) on a grey canvas, as base64 JPEG. */
		static String jpeg(java.awt.image.BufferedImage picture, int x, int y, int w, int h, int canvasWidth,
				int canvasHeight, float quality) throws IOException {
			java.awt.image.BufferedImage canvas = new java.awt.image.BufferedImage(canvasWidth, canvasHeight,
					java.awt.image.BufferedImage.TYPE_INT_RGB);
			java.awt.Graphics2D g = canvas.createGraphics();
			g.setColor(java.awt.Color.GRAY);
			g.fillRect(0, 0, canvasWidth, canvasHeight);
			g.drawImage(picture, x, y, w, h, null);
			g.dispose();
			javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
			java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
			try (javax.imageio.stream.MemoryCacheImageOutputStream stream = new javax.imageio.stream.MemoryCacheImageOutputStream(
					bytes)) {
				writer.setOutput(stream);
				javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
				param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(quality);
				writer.write(null, new javax.imageio.IIOImage(canvas, null, null), param);
			}
			finally {
				writer.dispose();
			}
			return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
		}

	}

	static Response checkOut(Connection connection, int i, String[] sessions) throws IOException {
		String session = sessions[i];
		if (session == null) {
			return null;
		}
		sessions[i] = null;
		String body = "{\"location\":{\"lat\":" + lat + ",\"lng\":" + lng
				+ ",\"accuracyMeters\":15},\"coordinateSystem\":\"WGS84\"}";
		return connection.post("/api/v1/check-ins/" + session + "/check-out", i, body);
	}

	record Response(int status, String body) {
	}

	/**
	 * One keep-alive HTTP/1.1 connection, used by one thread at a time. Reconnects when
	 * the server closes it (Tomcat does after 100 requests by default).
	 */
	static final class Connection implements AutoCloseable {

		private Socket socket;

		private OutputStream out;

		private InputStream in;

		private final byte[] line = new byte[8192];

		Response post(String path, int volunteer, String body) throws IOException {
			return send("POST", path, volunteer, body);
		}

		Response send(String method, String path, int volunteer, String body) throws IOException {
			byte[] content = body.getBytes(StandardCharsets.UTF_8);
			String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
					+ "\r\nContent-Type: application/json\r\nAccept: application/json\r\nAuthorization: Bearer bench-token-"
					+ volunteer + "\r\nX-Device-Id: bench-device-" + volunteer + "\r\nContent-Length: " + content.length
					+ "\r\n\r\n";
			byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
			byte[] request = Arrays.copyOf(headBytes, headBytes.length + content.length);
			System.arraycopy(content, 0, request, headBytes.length, content.length);
			for (int attempt = 0;; attempt++) {
				boolean fresh = this.socket == null;
				if (fresh) {
					open();
				}
				try {
					this.out.write(request);
					this.out.flush();
					return read();
				}
				catch (IOException ex) {
					close();
					// A kept-alive connection closed by the server before this request: retry once
					// on a fresh one. Anything else is the server's failure and is counted.
					if (fresh || attempt > 0) {
						throw ex;
					}
				}
			}
		}

		/**
		 * Connects ahead of the first request and warms this client's own code with a few
		 * health checks, so that the open loop's clock starts on a client that is ready.
		 * Three per connection: the server's CPU for them is counted in the phase (20 per
		 * connection, 1,280 in all, had cost the application about 2 s of CPU per phase).
		 */
		void connect() throws IOException {
			for (int i = 0; i < 3; i++) {
				if (this.socket == null) {
					open();
				}
				this.out.write(("GET /actuator/health HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				this.out.flush();
				read();
			}
		}

		private void open() throws IOException {
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress(host, port), 10_000);
			this.socket.setSoTimeout(30_000);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream(), 16384);
		}

		private Response read() throws IOException {
			String statusLine = readLine();
			if (statusLine == null) {
				throw new IOException("connection closed");
			}
			int status = Integer.parseInt(statusLine.substring(9, 12));
			int length = -1;
			boolean chunked = false;
			boolean closeAfter = false;
			for (String header = readLine(); header != null && !header.isEmpty(); header = readLine()) {
				int colon = header.indexOf(':');
				String name = header.substring(0, colon).trim();
				String value = header.substring(colon + 1).trim();
				if (name.equalsIgnoreCase("Content-Length")) {
					length = Integer.parseInt(value);
				}
				else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
					chunked = true;
				}
				else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
					closeAfter = true;
				}
			}
			String body;
			if (chunked) {
				StringBuilder all = new StringBuilder();
				for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer
					.parseInt(readLine().trim(), 16)) {
					all.append(new String(this.in.readNBytes(size), StandardCharsets.UTF_8));
					readLine();
				}
				readLine();
				body = all.toString();
			}
			else {
				body = new String(this.in.readNBytes(Math.max(length, 0)), StandardCharsets.UTF_8);
			}
			if (closeAfter) {
				close();
			}
			return new Response(status, body);
		}

		private String readLine() throws IOException {
			int n = 0;
			for (int b = this.in.read(); b != -1; b = this.in.read()) {
				if (b == '\n') {
					return new String(this.line, 0, (n > 0 && this.line[n - 1] == '\r') ? n - 1 : n,
							StandardCharsets.ISO_8859_1);
				}
				this.line[n++] = (byte) b;
			}
			return (n == 0) ? null : new String(this.line, 0, n, StandardCharsets.ISO_8859_1);
		}

		@Override
		public void close() {
			if (this.socket != null) {
				try {
					this.socket.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
				this.socket = null;
			}
		}

	}

	interface Call {

		Response run(Connection connection, int volunteer) throws IOException;

	}

	/** Closed loop: {@code concurrency} connections take volunteers 1..n in turn. */
	static Phase closed(String name, int n, int concurrency, Call call) throws Exception {
		AtomicInteger next = new AtomicInteger(1);
		Phase phase = new Phase(name, n);
		long start = System.nanoTime();
		run(concurrency, (connection) -> {
			for (int i = next.getAndIncrement(); i <= n; i = next.getAndIncrement()) {
				phase.record(System.nanoTime(), call, connection, i);
			}
		});
		phase.elapsedNanos = System.nanoTime() - start;
		return phase;
	}

	/**
	 * Open loop at a fixed offered rate, as wrk2 does it: request k is due at start + k /
	 * rate; {@code connections} workers each take the next due request, wait for its time
	 * and send it. When every connection is busy the request starts late, and its latency
	 * still counts from when it was due (no coordinated omission). The connections are
	 * opened before the clock starts.
	 */
	static Phase open(String name, int n, double rate, int connections, Call call) throws Exception {
		Phase phase = new Phase(name, n);
		AtomicInteger next = new AtomicInteger();
		long interval = (long) (1e9 / rate);
		java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(connections);
		long[] start = new long[1];
		run(connections, (connection) -> {
			connection.connect();
			connected.countDown();
			connected.await();
			synchronized (start) {
				if (start[0] == 0) {
					start[0] = System.nanoTime() + 100_000_000L;
				}
			}
			for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
				long due = start[0] + k * interval;
				for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
				phase.record(due, call, connection, k + 1);
			}
		});
		phase.elapsedNanos = System.nanoTime() - start[0];
		return phase;
	}

	interface Worker {

		void run(Connection connection) throws Exception;

	}

	static void run(int threads, Worker worker) throws InterruptedException {
		List<Thread> started = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			started.add(Thread.ofPlatform().stackSize(256 * 1024).start(() -> {
				try (Connection connection = new Connection()) {
					worker.run(connection);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		for (Thread thread : started) {
			thread.join();
		}
	}

	static final class Phase {

		final String name;

		final AtomicLongArray latencies;

		final AtomicLongArray dueAt;

		final long createdAt = System.nanoTime();

		final AtomicInteger count = new AtomicInteger();

		final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

		long elapsedNanos;

		final long cpuAtStart = cpuNanos();

		Phase(String name, int n) {
			this.name = name;
			this.latencies = new AtomicLongArray(n);
			this.dueAt = new AtomicLongArray(n);
		}

		/** This client's own CPU time, so that a run shows what the load generator cost. */
		static long cpuNanos() {
			return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
				.getOperatingSystemMXBean()).getProcessCpuTime();
		}

		void record(long intendedStart, Call call, Connection connection, int volunteer) {
			String outcome;
			try {
				Response response = call.run(connection, volunteer);
				if (response == null) {
					return;
				}
				Matcher m = CODE.matcher(response.body());
				outcome = response.status() + ((response.status() >= 400 && m.find()) ? " " + m.group(1) : "");
			}
			catch (Exception ex) {
				outcome = "EXCEPTION " + ex.getClass().getSimpleName();
			}
			int k = this.count.getAndIncrement();
			this.latencies.set(k, System.nanoTime() - intendedStart);
			this.dueAt.set(k, intendedStart - this.createdAt);
			this.outcomes.computeIfAbsent(outcome, (key) -> new AtomicInteger()).incrementAndGet();
		}

		/** Per second of the phase: requests due, and their p50 and p99 latency in ms. */
		void timeline(java.io.PrintStream out) {
			int n = this.count.get();
			Map<Long, List<Long>> bySecond = new TreeMap<>();
			for (int i = 0; i < n; i++) {
				bySecond.computeIfAbsent(this.dueAt.get(i) / 1_000_000_000L, (s) -> new ArrayList<>())
					.add(this.latencies.get(i));
			}
			bySecond.forEach((second, values) -> {
				long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
				out.printf("%s second %d: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", this.name, second,
						sorted.length, q(sorted, 0.5), q(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
			});
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
					+ "\"p50\":%.2f,\"p95\":%.2f,\"p99\":%.2f,\"max\":%.2f,\"unexpected\":%d,\"clientCpuSeconds\":%.2f,"
					+ "\"outcomes\":{%s}}")
				.formatted(this.name, mode, (load == Math.floor(load)) ? String.valueOf((long) load) : String.valueOf(load),
						n, this.elapsedNanos / 1e9, n / (this.elapsedNanos / 1e9), q(sorted, 0.50), q(sorted, 0.95),
						q(sorted, 0.99), (n > 0) ? sorted[n - 1] / 1e6 : 0, unexpected, (cpuNanos() - this.cpuAtStart) / 1e9,
						String.join(",", parts));
		}

		static double q(long[] sorted, double quantile) {
			if (sorted.length == 0) {
				return 0;
			}
			return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
		}

	}

}
