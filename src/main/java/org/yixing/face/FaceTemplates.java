package org.yixing.face;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The face tables (RULES §7): templates (sealed by the caller, one per volunteer),
 * consents with their versions, and the re-enrolments flagged to admins. Only SQL here;
 * the rules are {@link FaceRecognition}'s.
 */
@Repository
class FaceTemplates {

	private final JdbcClient jdbc;

	FaceTemplates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The volunteer's template, row-locked, whichever model made it. */
	Optional<Template> lock(UUID account) {
		return this.jdbc.sql("""
				SELECT template, model, enrolled_at, locked_at FROM face_templates WHERE account_id = ? FOR UPDATE""")
			.param(account)
			.query((rs, n) -> new Template(rs.getString("model"), rs.getBytes("template"),
					rs.getTimestamp("enrolled_at").toInstant(), instant(rs.getTimestamp("locked_at"))))
			.optional();
	}

	/** Whether a template of this model is locked (a face check-in succeeded with it). */
	boolean locked(UUID account, String model) {
		return this.jdbc.sql(
				"SELECT EXISTS (SELECT 1 FROM face_templates WHERE account_id = ? AND locked_at IS NOT NULL AND model = ?)")
			.params(account, model)
			.query(Boolean.class)
			.single();
	}

	boolean exists(UUID account) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM face_templates WHERE account_id = ?)")
			.param(account)
			.query(Boolean.class)
			.single();
	}

	/** A match: the failures start again and the template is locked from now on. */
	void matched(UUID account, Instant now) {
		this.jdbc.sql("""
				UPDATE face_templates SET mismatches = 0, locked_at = coalesce(locked_at, ?) WHERE account_id = ?""")
			.params(Timestamp.from(now), account)
			.update();
	}

	/**
	 * One more failed comparison of the template enrolled at {@code enrolledAt}; empty
	 * when that template is no longer there (cleared or replaced meanwhile).
	 */
	Optional<Integer> countMismatch(UUID account, Instant enrolledAt) {
		return this.jdbc.sql("""
				UPDATE face_templates SET mismatches = mismatches + 1
				WHERE account_id = ? AND enrolled_at = ? RETURNING mismatches""")
			.params(account, Timestamp.from(enrolledAt))
			.query(Integer.class)
			.optional();
	}

	void delete(UUID account) {
		this.jdbc.sql("DELETE FROM face_templates WHERE account_id = ?").param(account).update();
	}

	/** Stores or replaces the template, and marks a flagged re-enrolment done. */
	void store(UUID account, byte[] sealed, String keyId, String model, Instant now, @Nullable Instant lockedAt) {
		this.jdbc.sql("""
				INSERT INTO face_templates (account_id, template, pii_key_id, model, enrolled_at, locked_at, mismatches)
				VALUES (?, ?, ?, ?, ?, ?, 0)
				ON CONFLICT (account_id) DO UPDATE SET template = excluded.template, pii_key_id = excluded.pii_key_id,
				  model = excluded.model, enrolled_at = excluded.enrolled_at, locked_at = excluded.locked_at,
				  mismatches = 0""")
			.params(account, sealed, keyId, model, Timestamp.from(now),
					(lockedAt != null) ? Timestamp.from(lockedAt) : null)
			.update();
		this.jdbc.sql("UPDATE face_reenrolments SET reenrolled_at = ? WHERE account_id = ? AND reenrolled_at IS NULL")
			.params(Timestamp.from(now), account)
			.update();
	}

	/** The version of the consent in force, row-locked. */
	Optional<String> lockConsent(UUID account) {
		return this.jdbc
			.sql("SELECT version FROM face_consents WHERE account_id = ? AND withdrawn_at IS NULL FOR UPDATE")
			.param(account)
			.query(String.class)
			.optional();
	}

	/**
	 * @return how many consents in force were withdrawn (0 or 1)
	 */
	int withdrawConsent(UUID account, Instant now) {
		return this.jdbc.sql("UPDATE face_consents SET withdrawn_at = ? WHERE account_id = ? AND withdrawn_at IS NULL")
			.params(Timestamp.from(now), account)
			.update();
	}

	void giveConsent(UUID account, String version, Instant now) {
		this.jdbc.sql("INSERT INTO face_consents (id, account_id, version, given_at) VALUES (?, ?, ?, ?)")
			.params(UUID.randomUUID(), account, version, Timestamp.from(now))
			.update();
	}

	boolean reenrolmentPending(UUID account) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM face_reenrolments WHERE account_id = ? AND reenrolled_at IS NULL)")
			.param(account)
			.query(Boolean.class)
			.single();
	}

	void flag(UUID account, @Nullable UUID organization, @Nullable UUID activity, String reason, Instant now) {
		this.jdbc.sql("""
				INSERT INTO face_reenrolments (id, account_id, organization_id, activity_id, reason, flagged_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), account, organization, activity, reason, Timestamp.from(now))
			.update();
	}

	/** What the face page shows, in one round trip; the template itself never. */
	Row status(UUID account) {
		return this.jdbc.sql("""
				SELECT t.enrolled_at, t.locked_at, t.mismatches, t.model, c.version, c.given_at,
				  EXISTS (SELECT 1 FROM face_reenrolments r WHERE r.account_id = :account AND r.reenrolled_at IS NULL)
				    AS pending
				FROM (VALUES (1)) AS one
				LEFT JOIN face_templates t ON t.account_id = :account
				LEFT JOIN face_consents c ON c.account_id = :account AND c.withdrawn_at IS NULL""")
			.param("account", account)
			.query((rs, n) -> new Row(instant(rs.getTimestamp("enrolled_at")), instant(rs.getTimestamp("locked_at")),
					rs.getInt("mismatches"), rs.getString("model"), rs.getString("version"),
					instant(rs.getTimestamp("given_at")), rs.getBoolean("pending")))
			.single();
	}

	/** A descriptor as stored (before sealing): its floats, big-endian. */
	static byte[] bytes(float[] descriptor) {
		ByteBuffer buffer = ByteBuffer.allocate(descriptor.length * 4);
		buffer.asFloatBuffer().put(descriptor);
		return buffer.array();
	}

	static float[] floats(byte[] bytes) {
		float[] out = new float[bytes.length / 4];
		ByteBuffer.wrap(bytes).asFloatBuffer().get(out);
		return out;
	}

	private static @Nullable Instant instant(@Nullable Timestamp t) {
		return (t != null) ? t.toInstant() : null;
	}

	record Template(String model, byte[] sealed, Instant enrolledAt, @Nullable Instant lockedAt) {
	}

	record Row(@Nullable Instant enrolledAt, @Nullable Instant lockedAt, int mismatches, @Nullable String model,
			@Nullable String consentVersion, @Nullable Instant consentedAt, boolean reenrolmentPending) {
	}

}
