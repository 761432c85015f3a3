package org.yixing.shared;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot be reached (down, restarting, failing over,
 * too slow): such a request is answered 503 {@code SERVICE_UNAVAILABLE} with
 * {@code Retry-After}, not 500, and the client may simply try again. PostgreSQL's
 * SQLSTATE class 08 (connection exception) and 57P01–57P03 (shut down, crashed, not yet
 * accepting connections) count, as do a pool that could not hand out a connection in time
 * and a statement cancelled by {@code statement_timeout} (57014).
 */
public final class DatabaseOutage {

	/** Seconds a client is told to wait before trying again. */
	public static final int RETRY_AFTER_SECONDS = 5;

	private DatabaseOutage() {
	}

	/**
	 * What an outage says about the database, for the log: a full disk is not an
	 * unreachable server, and an operator looks in another place for each.
	 */
	public static String reason(@Nullable Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				switch (state) {
					case "53100":
						return "its disk is full";
					case "53200":
						return "it is out of memory";
					case "53300":
						return "it has no connection slot left";
					case "57014":
						return "a statement ran past its time limit";
					case "57P01", "57P02", "57P03":
						return "it is shutting down or starting";
					default:
						if (state.startsWith("08")) {
							return "it cannot be reached";
						}
				}
			}
		}
		return "it cannot be reached";
	}

	public static boolean isOutage(@Nullable Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof TransactionSystemException system) {
				// a commit or rollback that could not reach the database: its outcome
				// is the database's to tell, and the client's retry (with its
				// Idempotency-Key) asks
				return true;
			}
			if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
					|| t instanceof TransientDataAccessResourceException || t instanceof QueryTimeoutException
					|| t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
					|| t instanceof SQLRecoverableException || t instanceof ConnectException) {
				return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
						|| state.equals("57014")) {
					return true;
				}
			}
		}
		return false;
	}

}
