package org.yixing.shared.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.yixing.shared.DatabaseOutage;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.PlatformSettings;
import org.yixing.shared.Problems;

/**
 * {@code Idempotency-Key} on the API's POSTs (check-in, check-out, claims, makeups,
 * registration and the rest): the first request with a key, per caller, is answered and
 * its answer kept for 24 hours; a retry with the same key gets that answer again (with
 * {@code Idempotent-Replayed: true}) and does nothing twice, whichever node it reaches. A
 * retry that arrives while the first is still being answered waits for it. The same key
 * with a different request is refused ({@code VALIDATION_FAILED}). Answers of 5xx (an
 * outage) are not kept: the retry runs anew. A first attempt whose node died before it
 * recorded the answer is taken over by a retry once the statement timeout (plus 5 s) has
 * passed; the rules themselves (one open session, one policy per product) then keep that
 * retry from doing the work twice. A servlet filter after Spring Security's, so that the
 * caller is known to the {@link IdempotencyScope}.
 */
@Component
class IdempotentRequests extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

	/**
	 * Request bodies larger than this are answered without idempotency (uploads). A face
	 * check-in's picture, at most 2 MB, is 2.7 MB in base64: it fits.
	 */
	private static final int MAX_BODY = 4 * 1024 * 1024;

	private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final JdbcClient jdbc;

	private final Problems problems;

	private final IdempotencyScope scopes;

	private final long abandonedAfterMillis;

	private final LongWaits waits;

	IdempotentRequests(JdbcClient jdbc, Problems problems, PlatformSettings settings, IdempotencyScope scopes,
			LongWaits waits) {
		this.jdbc = jdbc;
		this.waits = waits;
		this.problems = problems;
		this.scopes = scopes;
		this.abandonedAfterMillis = settings.db().statementTimeout().toMillis() + 5000;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/")
				|| request.getHeader(HEADER) == null || request.getContentLengthLong() > MAX_BODY
				|| String.valueOf(request.getContentType()).startsWith("multipart/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER).strip();
		if (key.isEmpty() || key.length() > 200) {
			this.problems.write(request, response, ErrorCode.VALIDATION_FAILED);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			this.problems.write(request, response, ErrorCode.VALIDATION_FAILED);
			return;
		}
		String scope = this.scopes.of(request);
		byte[] hash = hash(request, body);
		boolean first = claim(scope, key, hash);
		// a key older than a day is forgotten; so is an answer never finished (the node
		// that took it died, or lost the database, before it could record the answer):
		// past the statement timeout no node is still working on it. Only a key already
		// taken is looked at, so the first request makes one round trip here.
		if (!first && forgetStale(scope, key)) {
			first = claim(scope, key, hash);
		}
		if (!first) {
			replay(request, response, scope, key, hash);
			return;
		}
		ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
		boolean kept = false;
		try {
			chain.doFilter(new Replayable(request, body), recorded);
			if (recorded.getStatus() < 500) {
				try {
					this.jdbc.sql("""
							UPDATE idempotency_keys SET status = ?, content_type = ?, location = ?, body = ?
							WHERE scope = ? AND key = ?""")
						.params(recorded.getStatus(), recorded.getContentType(), recorded.getHeader("Location"),
								recorded.getContentAsByteArray(), scope, key)
						.update();
				}
				catch (RuntimeException ex) {
					// the work is done and this answer goes out; a retry finds the key
					// unanswered and, once it is abandoned, is answered by the rules
					log.warn("Could not keep the answer for an idempotency key: {}", ex.toString());
				}
				kept = true;
			}
		}
		finally {
			if (!kept) {
				forget(scope, key);
			}
			recorded.copyBodyToResponse();
		}
	}

	private boolean claim(String scope, String key, byte[] hash) {
		try {
			return this.jdbc.sql("""
					INSERT INTO idempotency_keys (scope, key, request_hash) VALUES (?, ?, ?)
					ON CONFLICT (scope, key) DO NOTHING""").params(scope, key, hash).update() == 1;
		}
		catch (RuntimeException ex) {
			// the database went away during the insert, which may yet have committed (and
			// survive a failover to a synchronous standby): release it once it is back
			this.unreleased.add(new String[] { scope, key });
			throw ex;
		}
	}

	private boolean forgetStale(String scope, String key) {
		return this.jdbc.sql("""
				DELETE FROM idempotency_keys WHERE scope = ? AND key = ?
				  AND (created_at < clock_timestamp() - interval '24 hours'
				    OR (status IS NULL AND created_at < clock_timestamp() - ? * interval '1 millisecond'))""")
			.params(scope, key, this.abandonedAfterMillis)
			.update() > 0;
	}

	private void replay(HttpServletRequest request, HttpServletResponse response, String scope, String key, byte[] hash)
			throws IOException {
		// the first attempt's request goes on meanwhile, perhaps on the thread lent here
		try (LongWaits.Aside aside = this.waits.stepAside()) {
			awaitAnswer(request, response, scope, key, hash);
		}
	}

	private void awaitAnswer(HttpServletRequest request, HttpServletResponse response, String scope, String key,
			byte[] hash) throws IOException {
		long start = System.nanoTime();
		while (true) {
			Optional<Kept> kept = this.jdbc.sql(
					"SELECT request_hash, status, content_type, location, body FROM idempotency_keys WHERE scope = ? AND key = ?")
				.params(scope, key)
				.query((rs, n) -> new Kept(rs.getBytes("request_hash"), (Integer) rs.getObject("status"),
						rs.getString("content_type"), rs.getString("location"), rs.getBytes("body")))
				.optional();
			if (kept.isEmpty()) {
				// the first attempt failed and was forgotten: this one is answered afresh
				response.setHeader("Retry-After", "1");
				this.problems.write(request, response, ErrorCode.SERVICE_UNAVAILABLE);
				return;
			}
			if (!MessageDigest.isEqual(kept.get().hash(), hash)) {
				// the same key with another request: a client's mistake, not a retry
				this.problems.write(request, response, ErrorCode.VALIDATION_FAILED);
				return;
			}
			if (kept.get().status() != null) {
				Kept answer = kept.get();
				response.setStatus(answer.status());
				response.setHeader("Idempotent-Replayed", "true");
				if (answer.contentType() != null) {
					response.setContentType(answer.contentType());
				}
				if (answer.location() != null) {
					response.setHeader("Location", answer.location());
				}
				if (answer.body() != null) {
					response.getOutputStream().write(answer.body());
				}
				return;
			}
			if (System.nanoTime() - start > WAIT_NANOS) {
				response.setHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
				this.problems.write(request, response, ErrorCode.SERVICE_UNAVAILABLE);
				return;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				InterruptedIOException stopped = new InterruptedIOException("stopped waiting for the first answer");
				stopped.initCause(ex);
				throw stopped;
			}
		}
	}

	private void forget(String scope, String key) {
		try {
			this.jdbc.sql("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND status IS NULL")
				.params(scope, key)
				.update();
		}
		catch (RuntimeException ex) {
			// the database is away (an outage, a failover): release the key as soon as it
			// is back, so that the client's retry need not wait for it to be abandoned
			this.unreleased.add(new String[] { scope, key });
		}
	}

	private final java.util.Queue<String[]> unreleased = new java.util.concurrent.ConcurrentLinkedQueue<>();

	@Scheduled(fixedDelay = 500, timeUnit = TimeUnit.MILLISECONDS)
	void releaseKeysLeftByAnOutage() {
		String[] next;
		while ((next = this.unreleased.peek()) != null) {
			try {
				this.jdbc.sql("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND status IS NULL")
					.params(next[0], next[1])
					.update();
				this.unreleased.poll();
			}
			catch (RuntimeException stillAway) {
				return;
			}
		}
	}

	/** Keys older than a day are forgotten; any node may do it, twice is harmless. */
	@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS, initialDelay = 5)
	void forgetOldKeys() {
		this.jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < clock_timestamp() - interval '24 hours'")
			.update();
	}

	private static byte[] hash(HttpServletRequest request, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((request.getMethod() + " " + request.getRequestURI() + "?"
					+ String.valueOf(request.getQueryString()) + "\n")
				.getBytes(StandardCharsets.UTF_8));
			return digest.digest(body);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Kept(byte[] hash, Integer status, String contentType, String location, byte[] body) {
	}

	/** The request with its body read once and offered again. */
	private static final class Replayable extends HttpServletRequestWrapper {

		private final byte[] body;

		Replayable(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
