package org.yixing.audit;

import java.sql.Timestamp;
import java.time.Clock;
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
