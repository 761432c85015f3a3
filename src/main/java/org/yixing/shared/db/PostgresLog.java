package org.yixing.shared.db;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's own log, each line at the level its severity calls for, under
 * this class's logger. zonky passes everything its servers and tools print to the log at
 * INFO: a password refused ({@code FATAL}) looked like the server's routine start-up
 * lines, and a new data folder began with thirty lines of initdb's progress and its
 * advice to run {@code pg_ctl} by hand. The lines come from zonky while its tools run,
 * and from the server's own files after its start ({@link PostgresLogFiles}). Here:
 * <ul>
 * <li>{@code WARNING} and {@code FATAL} are WARN, and so is a server process killed by a
 * signal (the OOM killer); {@code PANIC} is ERROR;</li>
 * <li>{@code ERROR} stays INFO: a statement's error reaches the application, which
 * reports the unexpected ones itself and answers the expected ones (a unique index that
 * settles a race);</li>
 * <li>{@code LOG} is INFO, except the routine lines of a start, a stop and a checkpoint,
 * which are DEBUG, as are initdb's progress and zonky's own lines;</li>
 * <li>{@code DETAIL}, {@code HINT}, {@code STATEMENT} and the continued lines of a
 * message keep the level of the message they belong to.</li>
 * </ul>
 * PostgreSQL's timestamp is left out (the log has its own); its process id stays, for
 * {@code pg_stat_activity}. zonky's lines come here only with Logback, Spring Boot's
 * logging: elsewhere they stay as zonky logs them.
 */
final class PostgresLog extends AppenderBase<ILoggingEvent> {

	private static final String ZONKY = "io.zonky.test.db.postgres";

	private static final String NAME = "yixing-postgres-log";

	private static final Logger log = LoggerFactory.getLogger(PostgresLog.class);

	/** zonky reads a process's output on a thread named after it: "initdb:pid(12)". */
	private static final Pattern OUTPUT_THREAD = Pattern.compile("([\\w.-]+):(?:pid|id)\\(\\d+\\)");

	/** pg_ctl's progress, which the server's first line follows on the same line. */
	private static final Pattern WAITING = Pattern.compile("^waiting for server to (?:start|shut down)\\.*\\s*");

	/** The server's log_line_prefix '%m [%p] ', then the severity. */
	private static final Pattern SERVER_LINE = Pattern
		.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)? \\S+ (\\[\\d+\\] ([A-Z0-9]+):  (.*))$");

	private static final List<String> ROUTINE = List.of("starting PostgreSQL ", "listening on ",
			"database system was shut down at ", "database system is ready to accept connections",
			"received fast shutdown request", "received smart shutdown request", "aborting any active transactions",
			"background worker \"logical replication launcher\"", "shutting down", "checkpoint starting: ",
			"checkpoint complete: ", "database system is shut down",
			"redirecting log output to logging collector process");

	/** What zonky's readiness probe is told while the server starts or recovers. */
	private static final List<String> NOT_YET_UP = List.of("the database system is starting up",
			"the database system is not yet accepting connections");

	private static final List<String> CRASHED = List.of(" was terminated by signal ",
			"terminating any other active server processes");

	/** The parts of a message that follow its first line, at its level. */
	private static final List<String> CONTINUATION = List.of("DETAIL", "HINT", "CONTEXT", "STATEMENT", "QUERY",
			"LOCATION");

	private static final List<String> TOOL_PROGRESS = List.of("", "done", "server started", "server stopped");

	private final ThreadLocal<Level> message = ThreadLocal.withInitial(() -> Level.INFO);

	/**
	 * Sends zonky's lines through this class, once per logging configuration: Spring Boot
	 * resets Logback when a context starts, so each embedded server's start calls this.
	 * What is shown is set on this class's logger; zonky's own logger lets every line of
	 * INFO and above through to it, whatever it was set to before this class existed.
	 */
	static void install() {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		ch.qos.logback.classic.Logger zonky = context.getLogger(ZONKY);
		synchronized (PostgresLog.class) {
			if (zonky.getAppender(NAME) != null) {
				return;
			}
			PostgresLog appender = new PostgresLog();
			appender.setContext(context);
			appender.setName(NAME);
			appender.start();
			zonky.addAppender(appender);
			zonky.setAdditive(false);
			if (zonky.getLevel() == null || zonky.getLevel().isGreaterOrEqual(Level.WARN)) {
				// every line reaches the appender; this class's logger decides what is
				// shown
				zonky.setLevel(Level.INFO);
			}
		}
	}

	@Override
	protected void append(ILoggingEvent event) {
		Matcher output = OUTPUT_THREAD.matcher(event.getThreadName());
		if (output.matches() && event.getArgumentArray() == null) {
			this.message.set(log(output.group(1), event.getMessage(), this.message.get()));
			return;
		}
		// zonky's own: where it found the binaries, how long initdb took
		Level level = event.getLevel().isGreaterOrEqual(Level.WARN) ? event.getLevel() : Level.DEBUG;
		@Nullable Throwable cause = (event.getThrowableProxy() instanceof ThrowableProxy proxy) ? proxy.getThrowable() : null;
		log.atLevel(slf4j(level)).setCause(cause).log(event.getFormattedMessage());
	}

	/**
	 * Logs one line that {@code tool} printed, after a message logged at
	 * {@code previous}; returns the level the lines that follow it continue at.
	 */
	static Level log(String tool, String printed, Level previous) {
		Line line = classify(tool, printed, previous);
		log.atLevel(slf4j(line.level())).log(line.text());
		return line.startsMessage() ? line.level() : previous;
	}

	private static org.slf4j.event.Level slf4j(Level level) {
		return switch (level.toInt()) {
			case Level.ERROR_INT -> org.slf4j.event.Level.ERROR;
			case Level.WARN_INT -> org.slf4j.event.Level.WARN;
			case Level.INFO_INT -> org.slf4j.event.Level.INFO;
			case Level.DEBUG_INT -> org.slf4j.event.Level.DEBUG;
			default -> org.slf4j.event.Level.TRACE;
		};
	}

	/**
	 * One line that {@code tool} (initdb, pg_ctl, or postgres started by pg_ctl) printed,
	 * after a message that was logged at {@code previous}.
	 */
	static Line classify(String tool, String printed, Level previous) {
		if (printed.startsWith("\t")) {
			return new Line(previous, printed, false);
		}
		String text = WAITING.matcher(printed).replaceFirst("");
		Matcher server = SERVER_LINE.matcher(text);
		if (server.matches()) {
			if (CONTINUATION.contains(server.group(2))) {
				return new Line(previous, server.group(1), false);
			}
			return new Line(severity(server.group(2), server.group(3)), server.group(1), true);
		}
		if (text.startsWith("initdb: ") || text.startsWith("pg_ctl: ")) {
			// the tools' own errors and warnings ("initdb: error: …")
			return new Line(Level.WARN, text, true);
		}
		if ("initdb".equals(tool) || TOOL_PROGRESS.contains(text.strip())) {
			return new Line(Level.DEBUG, text, false);
		}
		return new Line(Level.INFO, text, false);
	}

	private static Level severity(String severity, String message) {
		return switch (severity) {
			case "PANIC" -> Level.ERROR;
			// zonky asks whether the server is up until it is
			case "FATAL" -> NOT_YET_UP.stream().anyMatch(message::startsWith) ? Level.DEBUG : Level.WARN;
			case "WARNING" -> Level.WARN;
			case "ERROR", "INFO", "NOTICE" -> Level.INFO;
			case "LOG" -> {
				if (CRASHED.stream().anyMatch(message::contains)) {
					yield Level.WARN;
				}
				yield ROUTINE.stream().anyMatch(message::startsWith) ? Level.DEBUG : Level.INFO;
			}
			default -> Level.DEBUG; // DEBUG1 … DEBUG5
		};
	}

	/**
	 * A line as logged: its level, its text, and whether it starts a message whose
	 * {@code DETAIL}, {@code STATEMENT} and continued lines follow at the same level.
	 */
	record Line(Level level, String text, boolean startsMessage) {
	}

}
