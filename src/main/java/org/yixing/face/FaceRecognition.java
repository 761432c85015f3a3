package org.yixing.face;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.audit.AuditLog;
import org.yixing.face.FaceModel.Analysis;
import org.yixing.identity.AccountId;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationDirectory.OrganizationSummary;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Secrets;

/**
 * Face enrolment and comparison (RULES §7). A template is a descriptor sealed with the
 * PII key; pictures are analysed and dropped, never stored. The template may be replaced
 * until a face check-in has succeeded ({@code FACE_LOCKED} afterwards); three failed
 * comparisons in a row clear it ({@code FACE_REENROLL_REQUIRED}) and flag the
 * re-enrolment to the organization's admins, as does withdrawing a locked template's
 * consent.
 */
@Service
public class FaceRecognition {

	static final String PURPOSE = "face-template";

	static final int MAX_MISMATCHES = 3;

	/** The largest picture accepted, before base64. */
	public static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;

	private final FaceAnalyser analyser;

	private final FaceSettings settings;

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final OrganizationDirectory organizations;

	private final TransactionTemplate transactions;

	private final Clock clock;

	FaceRecognition(FaceAnalyser analyser, FaceSettings settings, JdbcClient jdbc, Secrets secrets, AuditLog audit,
			ApplicationEventPublisher events, OrganizationDirectory organizations, TransactionTemplate transactions,
			Clock clock) {
		this.transactions = transactions;
		this.organizations = organizations;
		this.analyser = analyser;
		this.settings = settings;
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The picture sent in {@code field}: base64, optionally as a {@code data:} URL.
	 * Missing → {@code VALIDATION_FAILED} on the field; too large →
	 * {@code PAYLOAD_TOO_LARGE}; not base64 → {@code NO_FACE_DETECTED} (reason
	 * {@code UNREADABLE}), as for bytes that are no picture: the one refusal the API
	 * names for a picture without a usable face.
	 */
	public static byte[] picture(@Nullable String base64, String field) {
		String data = (base64 != null) ? base64.strip() : "";
		if (data.isEmpty()) {
			throw DomainException.invalidField(field, "face.image.required");
		}
		int comma = data.indexOf(',');
		if (data.startsWith("data:") && comma > 0) {
			data = data.substring(comma + 1);
		}
		if (data.length() > (MAX_IMAGE_BYTES / 3 + 1) * 4 + 8) {
			throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE);
		}
		try {
			return Base64.getMimeDecoder().decode(data);
		}
		catch (IllegalArgumentException ex) {
			throw noFace("UNREADABLE", 0);
		}
	}

	/**
	 * Analyses a picture taken for a face check-in, before the check-in's transaction (so
	 * that no row stays locked while the model runs). What it finds is only used, and its
	 * problems only reported, after every other check has passed.
	 */
	public Capture capture(byte[] image) {
		if (image.length > MAX_IMAGE_BYTES) {
			return new Capture(null, new DomainException(ErrorCode.PAYLOAD_TOO_LARGE));
		}
		try {
			Analysis analysis = this.analyser.analyse(image);
			if (analysis.descriptor() == null) {
				return new Capture(null, problem(analysis));
			}
			return new Capture(analysis.descriptor(), null);
		}
		catch (DomainException ex) {
			return new Capture(null, ex);
		}
	}

	/**
	 * Step 9 of check-in, inside its transaction: enrols the face when the volunteer has
	 * never had one (with consent given before or in {@code consentVersion}), refuses
	 * with {@code FACE_REENROLL_REQUIRED} when a cleared one awaits re-enrolment on the
	 * face page, else compares. A match resets the failures and locks the template; a
	 * mismatch throws {@link FaceMismatch}, to be passed to {@link #mismatched} once the
	 * check-in's transaction has rolled back.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void verify(UUID account, Capture capture, @Nullable String consentVersion, UUID organization,
			UUID activity) {
		if (capture.problem() != null) {
			throw capture.problem();
		}
		float[] descriptor = capture.descriptor();
		Instant now = this.clock.instant();
		Optional<Template> template = lockTemplate(account);
		if (template.isEmpty()) {
			// A template cleared after three mismatches (or a locked one withdrawn) is
			// collected again on the face page, never by the next check-in: that picture
			// may well be the face that failed three times.
			if (reenrolmentPending(account)) {
				throw new DomainException(ErrorCode.FACE_REENROLL_REQUIRED);
			}
			consent(account, consentVersion, now);
			store(account, descriptor, now, now);
			this.audit.record(account, "FACE_ENROLLED", "ACCOUNT", account.toString(), Map.of("by", "CHECK_IN"));
			return;
		}
		Template t = template.get();
		float distance = this.analyser.distance(floats(this.secrets.open(PURPOSE, t.sealed())), descriptor);
		if (distance > this.settings.threshold()) {
			throw new FaceMismatch(account, t.enrolledAt(), organization, activity);
		}
		this.jdbc.sql("""
				UPDATE face_templates SET mismatches = 0, locked_at = coalesce(locked_at, ?) WHERE account_id = ?""")
			.params(Timestamp.from(now), account)
			.update();
	}

	/**
	 * Counts a failed comparison in its own transaction (the check-in's rolled back). The
	 * third in a row clears the template and flags the re-enrolment: the answer is then
	 * {@code FACE_REENROLL_REQUIRED} instead of {@code FACE_MISMATCH}.
	 */
	@Transactional
	public DomainException mismatched(FaceMismatch mismatch) {
		Integer counted = this.jdbc.sql("""
				UPDATE face_templates SET mismatches = mismatches + 1
				WHERE account_id = ? AND enrolled_at = ? RETURNING mismatches""")
			.params(mismatch.account(), Timestamp.from(mismatch.enrolledAt()))
			.query(Integer.class)
			.optional()
			.orElse(null);
		if (counted == null) {
			// A parallel request changed the template meanwhile: cleared it (the third
			// mismatch) or the volunteer enrolled again. This comparison no longer
			// counts.
			boolean enrolled = this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM face_templates WHERE account_id = ?)")
				.param(mismatch.account())
				.query(Boolean.class)
				.single();
			return new DomainException(enrolled ? ErrorCode.FACE_MISMATCH : ErrorCode.FACE_REENROLL_REQUIRED);
		}
		int count = counted;
		if (count < MAX_MISMATCHES) {
			return new DomainException(ErrorCode.FACE_MISMATCH).with("failuresLeft", MAX_MISMATCHES - count);
		}
		this.jdbc.sql("DELETE FROM face_templates WHERE account_id = ?").param(mismatch.account()).update();
		flag(mismatch.account(), mismatch.organization, mismatch.activity, "MISMATCHES");
		return new DomainException(ErrorCode.FACE_REENROLL_REQUIRED);
	}

	/**
	 * {@code PUT /me/face}: enrols or replaces, with the consent's version. The picture
	 * is analysed outside any transaction (no connection is held while the model runs);
	 * the lock is checked before, to spare the model, and again under the row lock.
	 */
	public void enrol(UUID account, byte[] image, String consentVersion) {
		if (consentVersion.isBlank() || consentVersion.length() > 50) {
			throw DomainException.invalidField("consentVersion", "face.consent.required");
		}
		if (locked(account)) {
			throw new DomainException(ErrorCode.FACE_LOCKED);
		}
		Capture capture = capture(image);
		if (capture.problem() != null) {
			throw capture.problem();
		}
		this.transactions.executeWithoutResult((status) -> {
			if (lockTemplate(account).filter((t) -> t.lockedAt() != null).isPresent()) {
				throw new DomainException(ErrorCode.FACE_LOCKED);
			}
			Instant now = this.clock.instant();
			consent(account, consentVersion, now);
			store(account, capture.descriptor(), now, null);
			this.audit.record(account, "FACE_ENROLLED", "ACCOUNT", account.toString(), Map.of("by", "ENROLMENT"));
		});
	}

	private boolean locked(UUID account) {
		return this.jdbc.sql(
				"SELECT EXISTS (SELECT 1 FROM face_templates WHERE account_id = ? AND locked_at IS NOT NULL AND model = ?)")
			.params(account, this.analyser.modelId())
			.query(Boolean.class)
			.single();
	}

	/**
	 * {@code DELETE /me/face}: withdraws the consent and deletes the template at once.
	 * Withdrawing a locked template flags the next enrolment to the admins, so that
	 * withdrawing is not a way round {@code FACE_LOCKED}.
	 */
	@Transactional
	public void withdraw(UUID account) {
		Instant now = this.clock.instant();
		Optional<Template> template = lockTemplate(account);
		this.jdbc.sql("DELETE FROM face_templates WHERE account_id = ?").param(account).update();
		int withdrawn = this.jdbc
			.sql("UPDATE face_consents SET withdrawn_at = ? WHERE account_id = ? AND withdrawn_at IS NULL")
			.params(Timestamp.from(now), account)
			.update();
		if (template.filter((t) -> t.lockedAt() != null).isPresent()) {
			List<OrganizationSummary> mine = this.organizations.organizationsOf(new AccountId(account));
			if (mine.isEmpty()) {
				flag(account, null, null, "WITHDRAWN");
			}
			for (OrganizationSummary organization : mine) {
				flag(account, organization.id().value(), null, "WITHDRAWN");
			}
		}
		if (withdrawn > 0 || template.isPresent()) {
			this.audit.record(account, "FACE_CONSENT_WITHDRAWN", "ACCOUNT", account.toString(), Map.of());
		}
	}

	/** What the volunteer's face page shows; never the template. One round trip. */
	public Status status(UUID account) {
		return this.jdbc.sql("""
				SELECT t.enrolled_at, t.locked_at, t.mismatches, t.model, c.version, c.given_at,
				  EXISTS (SELECT 1 FROM face_reenrolments r WHERE r.account_id = :account AND r.reenrolled_at IS NULL)
				    AS pending
				FROM (VALUES (1)) AS one
				LEFT JOIN face_templates t ON t.account_id = :account
				LEFT JOIN face_consents c ON c.account_id = :account AND c.withdrawn_at IS NULL""")
			.param("account", account)
			.query((rs, n) -> {
				boolean enrolled = rs.getTimestamp("enrolled_at") != null
						&& this.analyser.modelId().equals(rs.getString("model"));
				return new Status(enrolled, enrolled && rs.getTimestamp("locked_at") != null,
						enrolled ? rs.getInt("mismatches") : 0, rs.getString("version"),
						instant(rs.getTimestamp("given_at")), enrolled ? instant(rs.getTimestamp("enrolled_at")) : null,
						rs.getBoolean("pending"));
			})
			.single();
	}

	private boolean reenrolmentPending(UUID account) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM face_reenrolments WHERE account_id = ? AND reenrolled_at IS NULL)")
			.param(account)
			.query(Boolean.class)
			.single();
	}

	private void flag(UUID account, @Nullable UUID organization, @Nullable UUID activity, String reason) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO face_reenrolments (id, account_id, organization_id, activity_id, reason, flagged_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), account, organization, activity, reason, Timestamp.from(now))
			.update();
		this.audit.record(null, "FACE_REENROLMENT_FLAGGED", "ACCOUNT", account.toString(), (organization != null)
				? Map.of("reason", reason, "organizationId", organization.toString()) : Map.of("reason", reason));
		this.events.publishEvent(new FaceReenrolmentFlagged(account, organization, reason, now));
	}

	private void consent(UUID account, @Nullable String version, Instant now) {
		String current = this.jdbc
			.sql("SELECT version FROM face_consents WHERE account_id = ? AND withdrawn_at IS NULL FOR UPDATE")
			.param(account)
			.query(String.class)
			.optional()
			.orElse(null);
		if (version == null || version.isBlank()) {
			if (current == null) {
				throw DomainException.invalidField("faceConsentVersion", "face.consent.required");
			}
			return;
		}
		if (version.strip().equals(current)) {
			return;
		}
		if (version.length() > 50) {
			throw DomainException.invalidField("consentVersion", "face.consent.required");
		}
		this.jdbc.sql("UPDATE face_consents SET withdrawn_at = ? WHERE account_id = ? AND withdrawn_at IS NULL")
			.params(Timestamp.from(now), account)
			.update();
		this.jdbc.sql("INSERT INTO face_consents (id, account_id, version, given_at) VALUES (?, ?, ?, ?)")
			.params(UUID.randomUUID(), account, version.strip(), Timestamp.from(now))
			.update();
		this.audit.record(account, "FACE_CONSENT_GIVEN", "ACCOUNT", account.toString(),
				Map.of("version", version.strip()));
	}

	private void store(UUID account, float[] descriptor, Instant now, @Nullable Instant lockedAt) {
		this.jdbc.sql("""
				INSERT INTO face_templates (account_id, template, pii_key_id, model, enrolled_at, locked_at, mismatches)
				VALUES (?, ?, ?, ?, ?, ?, 0)
				ON CONFLICT (account_id) DO UPDATE SET template = excluded.template, pii_key_id = excluded.pii_key_id,
				  model = excluded.model, enrolled_at = excluded.enrolled_at, locked_at = excluded.locked_at,
				  mismatches = 0""")
			.params(account, this.secrets.seal(PURPOSE, bytes(descriptor)), this.secrets.keyId(),
					this.analyser.modelId(), Timestamp.from(now), (lockedAt != null) ? Timestamp.from(lockedAt) : null)
			.update();
		this.jdbc.sql("UPDATE face_reenrolments SET reenrolled_at = ? WHERE account_id = ? AND reenrolled_at IS NULL")
			.params(Timestamp.from(now), account)
			.update();
	}

	/**
	 * The volunteer's template, row-locked; a template made by another model (the
	 * operator changed it) cannot be compared and counts as none.
	 */
	private Optional<Template> lockTemplate(UUID account) {
		return this.jdbc.sql("""
				SELECT template, model, enrolled_at, locked_at FROM face_templates WHERE account_id = ? FOR UPDATE""")
			.param(account)
			.query((rs, n) -> new Template(rs.getString("model"), rs.getBytes("template"),
					rs.getTimestamp("enrolled_at").toInstant(), instant(rs.getTimestamp("locked_at"))))
			.optional()
			.filter((t) -> this.analyser.modelId().equals(t.model()));
	}

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

	private static DomainException problem(Analysis analysis) {
		FaceModel.Problem problem = analysis.problem();
		return noFace((problem != null) ? problem.name() : "NONE", analysis.faces());
	}

	private static DomainException noFace(String reason, int faces) {
		return new DomainException(ErrorCode.NO_FACE_DETECTED,
				new org.springframework.context.support.DefaultMessageSourceResolvable("face.problem." + reason))
			.with("reason", reason)
			.with("faces", faces);
	}

	/**
	 * A picture taken for a face check-in, analysed: its descriptor, or the refusal to
	 * give once the other checks have passed.
	 */
	public static final class Capture {

		private final float @Nullable [] descriptor;

		private final @Nullable DomainException problem;

		Capture(float @Nullable [] descriptor, @Nullable DomainException problem) {
			this.descriptor = descriptor;
			this.problem = problem;
		}

		float[] descriptor() {
			if (this.descriptor == null) {
				throw new IllegalStateException("no descriptor");
			}
			return this.descriptor;
		}

		@Nullable DomainException problem() {
			return this.problem;
		}

	}

	/**
	 * A failed comparison, to be counted after the check-in's transaction rolled back.
	 */
	public static final class FaceMismatch extends DomainException {

		private final UUID account;

		private final Instant enrolledAt;

		private final UUID organization;

		private final UUID activity;

		FaceMismatch(UUID account, Instant enrolledAt, UUID organization, UUID activity) {
			super(ErrorCode.FACE_MISMATCH);
			this.account = account;
			this.enrolledAt = enrolledAt;
			this.organization = organization;
			this.activity = activity;
		}

		UUID account() {
			return this.account;
		}

		Instant enrolledAt() {
			return this.enrolledAt;
		}

	}

	private record Template(String model, byte[] sealed, Instant enrolledAt, @Nullable Instant lockedAt) {
	}

	/**
	 * @param enrolled a template of the current model exists
	 * @param locked a face check-in has succeeded with it: the volunteer cannot replace
	 * it
	 * @param mismatches failed comparisons in a row
	 * @param consentVersion the consent in force, if any
	 * @param reenrolmentRequired a re-enrolment was flagged and not yet done
	 */
	public record Status(boolean enrolled, boolean locked, int mismatches, @Nullable String consentVersion,
			@Nullable Instant consentedAt, @Nullable Instant enrolledAt, boolean reenrolmentRequired) {
	}

}
