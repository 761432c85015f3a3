package org.yixing.identity;

import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.TimeOrderedIds;
import org.yixing.shared.web.RequestsAtWork;

/**
 * Roster imports in the background: a roster of thousands of new accounts takes minutes
 * (a password hash each, in turns: {@link PasswordWork}), longer than a browser or a
 * proxy waits for an answer. The import runs on the node that received the file; its
 * progress is in the database ({@code roster_imports}), so that the console's page on any
 * node shows how far it has come, and what each bad line was.
 * <p>
 * The roster itself (names, ID numbers) stays in that node's memory and is never stored;
 * a bad line is kept as its number, code and message key, and told in the reader's
 * language. A node that stops mid-import marks it interrupted, and one that dies leaves
 * it without news, which after {@link #LOST_AFTER} reads as interrupted too: the same
 * file again goes on where it stopped, as registered ID numbers are skipped. An import in
 * the background gives way, before each line, to sign-ins and password changes waiting
 * for a turn and to a node busy with requests ({@link RequestsAtWork}: a rush of
 * check-ins), and a line turned away for want of a turn is tried again rather than
 * reported.
 */
@Service
class RosterImports {

	/** How often a running import writes its progress. */
	static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

	/** A running import without news for this long is taken for interrupted. */
	static final Duration LOST_AFTER = Duration.ofMinutes(1);

	/**
	 * How long an import in the background waits, per line, while others wait to hash a
	 * password or the node is busy (an 8:00 rush of check-ins): at most this long, so
	 * that a server busy all day still imports, a line every ten seconds.
	 */
	private static final Duration GIVE_WAY_AT_MOST = Duration.ofSeconds(10);

	private static final String SELECT = """
			SELECT id, status, heartbeat_at, lines, lines_done, created, already_registered, started_at, finished_at
			FROM roster_imports""";

	private static final Logger log = LoggerFactory.getLogger(RosterImports.class);

	private final RosterImport rosterImport;

	private final PasswordWork passwordWork;

	private final RequestsAtWork requests;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final ExecutorService imports = Executors
		.newThreadPerTaskExecutor(Thread.ofPlatform().name("roster-import-", 0).daemon(true).factory());

	private volatile boolean stopping;

	RosterImports(RosterImport rosterImport, PasswordWork passwordWork, RequestsAtWork requests, JdbcClient jdbc,
			TransactionOperations transactions, Clock clock) {
		this.rosterImport = rosterImport;
		this.passwordWork = passwordWork;
		this.requests = requests;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Starts importing {@code csv} in the background; its progress from {@link #find}.
	 */
	Progress start(AuthenticatedAccount staff, String csv, Locale locale) {
		staff.requireStaff();
		if (this.stopping) {
			throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE);
		}
		Instant now = this.clock.instant();
		UUID id = TimeOrderedIds.at(now);
		int lines = (int) Math.min(csv.lines().count(), RosterImport.MAX_LINES + 1L);
		this.jdbc.sql("""
				INSERT INTO roster_imports (id, staff_id, lines, status, started_at, heartbeat_at)
				VALUES (:id, :staff, :lines, 'RUNNING', :now, :now)""")
			.param("id", id)
			.param("staff", staff.id().value())
			.param("lines", lines)
			.param("now", Timestamp.from(now))
			.update();
		this.imports.execute(() -> run(id, staff, csv, locale));
		return find(staff, id, locale);
	}

	/**
	 * An import's progress, its bad lines told in {@code locale}, or 404
	 * {@code NOT_FOUND}.
	 */
	Progress find(AuthenticatedAccount staff, UUID id, Locale locale) {
		staff.requireStaff();
		Progress found = this.jdbc.sql(SELECT + " WHERE id = :id")
			.param("id", id)
			.query(this::progress)
			.optional()
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		List<RosterImport.LineProblem> problems = this.jdbc
			.sql("SELECT line, code, message_key FROM roster_import_problems WHERE import_id = :id ORDER BY line")
			.param("id", id)
			.query((rs,
					row) -> this.rosterImport.told(new RosterImport.Refusal(rs.getInt("line"), rs.getString("code"),
							rs.getString("message_key")), locale))
			.list();
		return found.withErrors(problems);
	}

	/** The latest imports, newest first, without their bad lines. */
	List<Progress> recent(AuthenticatedAccount staff) {
		staff.requireStaff();
		return this.jdbc.sql(SELECT + " ORDER BY started_at DESC, id DESC LIMIT 10").query(this::progress).list();
	}

	private Progress progress(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Status status = Status.valueOf(rs.getString("status"));
		if (status == Status.RUNNING
				&& rs.getTimestamp("heartbeat_at").toInstant().isBefore(this.clock.instant().minus(LOST_AFTER))) {
			status = Status.INTERRUPTED;
		}
		Timestamp finished = rs.getTimestamp("finished_at");
		return new Progress(rs.getObject("id", UUID.class), status, rs.getInt("lines"), rs.getInt("lines_done"),
				rs.getInt("created"), rs.getInt("already_registered"), List.of(),
				rs.getTimestamp("started_at").toInstant(), (finished != null) ? finished.toInstant() : null);
	}

	/** A stopping server ends its imports at their next line, marked interrupted. */
	@PreDestroy
	void stop() throws InterruptedException {
		this.stopping = true;
		this.imports.shutdown();
		if (!this.imports.awaitTermination(15, TimeUnit.SECONDS)) {
			log.warn("A roster import was still running when the server stopped; it reads as interrupted");
		}
	}

	private void run(UUID id, AuthenticatedAccount staff, String csv, Locale locale) {
		InBackground watch = new InBackground(id);
		try {
			this.rosterImport.run(staff, new StringReader(csv), locale, watch);
			watch.finish(this.stopping ? Status.INTERRUPTED : Status.DONE);
		}
		catch (RuntimeException ex) {
			log.error("Roster import {} ended after {} lines", id, watch.lines, ex);
			try {
				watch.finish(Status.INTERRUPTED);
			}
			catch (RuntimeException notWritten) {
				// the database out of reach: without news, the import reads as
				// interrupted
				ex.addSuppressed(notWritten);
			}
		}
	}

	/** An import's watch: gives way, writes its progress, stops with the server. */
	private final class InBackground implements RosterImport.Watch {

		private final UUID id;

		private final List<RosterImport.Refusal> unwritten = new ArrayList<>();

		private int lines;

		private int created;

		private int alreadyRegistered;

		/** When the progress was last written, by the monotonic clock. */
		private long writtenAt = System.nanoTime() - PROGRESS_EVERY.toNanos();

		InBackground(UUID id) {
			this.id = id;
		}

		@Override
		public boolean stopping() {
			long givenWay = 0;
			while (!RosterImports.this.stopping && givenWay < GIVE_WAY_AT_MOST.toMillis()
					&& (RosterImports.this.passwordWork.waiting() > 0 || RosterImports.this.requests.busy())) {
				givenWay += pause(100);
			}
			return RosterImports.this.stopping;
		}

		@Override
		public boolean waitedForTurn() {
			write();
			pause(1000);
			return !RosterImports.this.stopping;
		}

		@Override
		public void after(int lines, int created, int alreadyRegistered, RosterImport.@Nullable Refusal refused) {
			this.lines = lines;
			this.created = created;
			this.alreadyRegistered = alreadyRegistered;
			if (refused != null) {
				this.unwritten.add(refused);
			}
			if (System.nanoTime() - this.writtenAt >= PROGRESS_EVERY.toNanos()) {
				write();
			}
		}

		void finish(Status status) {
			RosterImports.this.transactions.executeWithoutResult((tx) -> {
				write();
				RosterImports.this.jdbc
					.sql("UPDATE roster_imports SET status = :status, finished_at = heartbeat_at WHERE id = :id")
					.param("status", status.name())
					.param("id", this.id)
					.update();
			});
		}

		private void write() {
			Instant now = RosterImports.this.clock.instant();
			RosterImports.this.transactions.executeWithoutResult((tx) -> {
				RosterImports.this.jdbc.sql("""
						UPDATE roster_imports SET lines_done = :lines, created = :created,
						  already_registered = :already, heartbeat_at = :now WHERE id = :id""")
					.param("lines", this.lines)
					.param("created", this.created)
					.param("already", this.alreadyRegistered)
					.param("now", Timestamp.from(now))
					.param("id", this.id)
					.update();
				for (RosterImport.Refusal refused : this.unwritten) {
					RosterImports.this.jdbc.sql("""
							INSERT INTO roster_import_problems (import_id, line, code, message_key)
							VALUES (:id, :line, :code, :key) ON CONFLICT DO NOTHING""")
						.param("id", this.id)
						.param("line", refused.line())
						.param("code", refused.code())
						.param("key", refused.messageKey())
						.update();
				}
			});
			this.unwritten.clear();
			this.writtenAt = System.nanoTime();
		}

		private static long pause(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return millis;
		}

	}

	/** Where an import stands. */
	enum Status {

		RUNNING, DONE, INTERRUPTED

	}

	/** An import's progress, and when it is done its result. */
	record Progress(UUID id, Status status, int lines, int linesDone, int created, int alreadyRegistered,
			List<RosterImport.LineProblem> errors, Instant startedAt, @Nullable Instant finishedAt) {

		Progress withErrors(List<RosterImport.LineProblem> problems) {
			return new Progress(this.id, this.status, this.lines, this.linesDone, this.created, this.alreadyRegistered,
					problems, this.startedAt, this.finishedAt);
		}

		/** The tallies so far, as an import in the request answers them. */
		RosterImport.Result result() {
			return new RosterImport.Result(this.created, this.alreadyRegistered, this.errors);
		}

		/** How far it has come, in whole percent. */
		public int percent() {
			return (this.lines == 0) ? 100 : Math.min(100, this.linesDone * 100 / this.lines);
		}

	}

}
