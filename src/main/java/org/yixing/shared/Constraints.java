package org.yixing.shared;

import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Which database constraint refused a write, for rules the database settles (a race is
 * told apart from a bug by the constraint's name).
 */
public final class Constraints {

	private Constraints() {
	}

	/** Whether PostgreSQL refused the write for the constraint named {@code name}. */
	public static boolean violated(DataIntegrityViolationException ex, String name) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PSQLException psql) {
				ServerErrorMessage message = psql.getServerErrorMessage();
				return message != null && name.equals(message.getConstraint());
			}
			if (cause instanceof SQLException sql && sql.getNextException() instanceof PSQLException next) {
				ServerErrorMessage message = next.getServerErrorMessage();
				return message != null && name.equals(message.getConstraint());
			}
		}
		return false;
	}

}
