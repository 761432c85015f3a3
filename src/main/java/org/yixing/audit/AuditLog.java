package org.yixing.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends audit entries inside the caller's transaction, so an action and its record
 * commit or fail together.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final JsonMapper json;

	AuditLog(JdbcClient jdbc, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.json = json;
	}

	/**
	 * The newest entries about these targets, optionally of one action (e.g. an
	 * organization's log in the admin console).
	 */
	public List<Entry> about(String targetType, Collection<String> targetIds, @Nullable String action, int limit) {
		if (targetIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT actor_id, action, target_type, target_id, details::text AS details, recorded_at FROM audit_log
				WHERE target_type = ? AND target_id = ANY (?) AND (CAST(? AS text) IS NULL OR action = ?)
				ORDER BY recorded_at DESC, id DESC LIMIT ?""")
			.params(targetType, targetIds.toArray(String[]::new), action, action, limit)
			.query((rs, n) -> new Entry(rs.getObject("actor_id", UUID.class), rs.getString("action"),
					rs.getString("target_type"), rs.getString("target_id"), rs.getString("details"),
					rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	/** Distinct actions recorded about these targets, for filtering. */
	public List<String> actionsAbout(String targetType, Collection<String> targetIds) {
		if (targetIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT DISTINCT action FROM audit_log WHERE target_type = ? AND target_id = ANY (?) ORDER BY 1")
			.params(targetType, targetIds.toArray(String[]::new))
			.query(String.class)
			.list();
	}

	/**
	 * @param details the recorded facts as JSON
	 */
	public record Entry(@Nullable UUID actorId, String action, String targetType, String targetId, String details,
			Instant recordedAt) {
	}

	/**
	 * @param actor the account that acted, {@code null} for the system itself
	 * @param action e.g. {@code ID_PHOTO_REVIEW_APPROVED}
	 * @param targetType e.g. {@code ACCOUNT}
	 * @param targetId the target's id
	 * @param details extra facts; never plaintext personal data
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(@Nullable UUID actor, String action, String targetType, String targetId,
			Map<String, ?> details) {
		this.jdbc.sql("""
				INSERT INTO audit_log (actor_id, action, target_type, target_id, details, recorded_at)
				VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?)""")
			.params(actor, action, targetType, targetId, this.json.writeValueAsString(details),
					Timestamp.from(this.clock.instant()))
			.update();
	}

}
