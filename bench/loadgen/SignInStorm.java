// A storm of sign-ins for bench/signin-storm.sh: JDK only, run with `java SignInStorm.java`.
//
// Usage: java SignInStorm.java <baseUrl> <threads> <seconds> [<first volunteer>]
// Each thread signs in again and again (POST /api/v1/auth/token) for <seconds>, with ID
// numbers nobody registered: Yixing checks the password against a stand-in hash then, so
// that the answer's time does not tell which accounts exist, and the work is that of a real
// sign-in. Prints one line: how many were answered, per second, their mean and longest wait,
// and how many were answered otherwise than 401 (503 SERVICE_UNAVAILABLE when a sign-in
// waited past yixing.passwords.wait).
// With <first volunteer>, each thread changes a password instead, again and again (PUT
// /api/v1/me/password, two hashes each: the current password checked, the new one hashed),
// as bench/seed.sql's volunteer <first volunteer> + thread (token bench-token-<n>), whose
// password must be Bench2026x; it ends on that password, answered 204 when all went well.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

public class SignInStorm {

	public static void main(String[] args) throws Exception {
		URI token = URI.create(args[0] + "/api/v1/auth/token");
		URI password = URI.create(args[0] + "/api/v1/me/password");
		int first = (args.length > 3) ? Integer.parseInt(args[3]) : 0;
		int threads = Integer.parseInt(args[1]);
		long until = System.currentTimeMillis() + Long.parseLong(args[2]) * 1000;
		HttpClient client = HttpClient.newHttpClient();
		AtomicLong answered = new AtomicLong();
		AtomicLong waited = new AtomicLong();
		AtomicLong longest = new AtomicLong();
		Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
		Thread[] workers = new Thread[threads];
		long start = System.currentTimeMillis();
		for (int t = 0; t < threads; t++) {
			int id = t;
			workers[t] = new Thread(() -> {
				int i = 0;
				String[] passwords = { "Bench2026x", "Bench2027x" };
				int current = 0;
				while (System.currentTimeMillis() < until || (first > 0 && current != 0)) {
					HttpRequest request;
					if (first > 0) {
						String body = "{\"currentPassword\":\"" + passwords[current] + "\",\"newPassword\":\""
								+ passwords[1 - current] + "\"}";
						request = HttpRequest.newBuilder(password)
							.header("Content-Type", "application/json")
							.header("Authorization", "Bearer bench-token-" + (first + id))
							.PUT(HttpRequest.BodyPublishers.ofString(body))
							.build();
					}
					else {
						String account = "110101199001" + String.format("%06d", (id * 10_000 + i++) % 1_000_000);
						String body = "{\"account\":\"" + account + "\",\"password\":\"not-the-password-1\"}";
						request = HttpRequest.newBuilder(token)
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString(body))
							.build();
					}
					long sent = System.nanoTime();
					try {
						HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
						if (first > 0 && response.statusCode() == 204) {
							current = 1 - current;
						}
						long ms = (System.nanoTime() - sent) / 1_000_000;
						answered.incrementAndGet();
						waited.addAndGet(ms);
						longest.accumulateAndGet(ms, Math::max);
						statuses.computeIfAbsent(response.statusCode(), (s) -> new AtomicLong()).incrementAndGet();
					}
					catch (Exception ex) {
						statuses.computeIfAbsent(0, (s) -> new AtomicLong()).incrementAndGet();
					}
				}
			});
			workers[t].start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		double seconds = (System.currentTimeMillis() - start) / 1000.0;
		long n = answered.get();
		System.out.printf("{\"signIns\":%d,\"perSecond\":%.1f,\"meanMs\":%d,\"maxMs\":%d,\"statuses\":\"%s\"}%n", n,
				n / seconds, (n == 0) ? 0 : waited.get() / n, longest.get(), new TreeMap<>(statuses));
	}

}
