package org.yixing.face;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
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

	private final FaceTemplates templates;

	private final Secrets secrets;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final OrganizationDirectory organizations;

	private final TransactionTemplate transactions;

	private final Clock clock;

	FaceRecognition(FaceAnalyser analyser, FaceSettings settings, FaceTemplates templates, Secrets secrets,
			AuditLog audit, ApplicationEventPublisher events, OrganizationDirectory organizations,
			TransactionTemplate transactions, Clock clock) {
		this.transactions = transactions;
		this.organizations = organizations;
		this.analyser = analyser;
		this.settings = settings;
		this.templates = templates;
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
		Optional<FaceTemplates.Template> template = current(account);
		if (template.isEmpty()) {
			// A template cleared after three mismatches (or a locked one withdrawn) is
			// collected again on the face page, never by the next check-in: that picture
			// may well be the face that failed three times.
			if (this.templates.reenrolmentPending(account)) {
				throw new DomainException(ErrorCode.FACE_REENROLL_REQUIRED);
			}
			consent(account, consentVersion, now);
			store(account, descriptor, now, now);
			this.audit.record(account, "FACE_ENROLLED", "ACCOUNT", account.toString(), Map.of("by", "CHECK_IN"));
			return;
		}
		FaceTemplates.Template t = template.get();
		float distance = this.analyser.distance(FaceTemplates.floats(this.secrets.open(PURPOSE, t.sealed())),
				descriptor);
		if (distance > this.settings.threshold()) {
			throw new FaceMismatch(account, t.enrolledAt(), organization, activity);
		}
		this.templates.matched(account, now);
	}

	/**
	 * Counts a failed comparison in its own transaction (the check-in's rolled back). The
	 * third in a row clears the template and flags the re-enrolment: the answer is then
	 * {@code FACE_REENROLL_REQUIRED} instead of {@code FACE_MISMATCH}.
	 */
	@Transactional
	public DomainException mismatched(FaceMismatch mismatch) {
		Integer counted = this.templates.countMismatch(mismatch.account(), mismatch.enrolledAt()).orElse(null);
		if (counted == null) {
			// A parallel request changed the template meanwhile: cleared it (the third
			// mismatch) or the volunteer enrolled again. This comparison no longer
			// counts.
			boolean enrolled = this.templates.exists(mismatch.account());
			return new DomainException(enrolled ? ErrorCode.FACE_MISMATCH : ErrorCode.FACE_REENROLL_REQUIRED);
		}
		int count = counted;
		if (count < MAX_MISMATCHES) {
			return new DomainException(ErrorCode.FACE_MISMATCH).with("failuresLeft", MAX_MISMATCHES - count);
		}
		this.templates.delete(mismatch.account());
		flag(mismatch.account(), mismatch.organization(), mismatch.activity(), "MISMATCHES");
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
		if (this.templates.locked(account, this.analyser.modelId())) {
			throw new DomainException(ErrorCode.FACE_LOCKED);
		}
		Capture capture = capture(image);
		if (capture.problem() != null) {
			throw capture.problem();
		}
		this.transactions.executeWithoutResult((status) -> {
			if (current(account).filter((t) -> t.lockedAt() != null).isPresent()) {
				throw new DomainException(ErrorCode.FACE_LOCKED);
			}
			Instant now = this.clock.instant();
			consent(account, consentVersion, now);
			store(account, capture.descriptor(), now, null);
			this.audit.record(account, "FACE_ENROLLED", "ACCOUNT", account.toString(), Map.of("by", "ENROLMENT"));
		});
	}

	/**
	 * {@code DELETE /me/face}: withdraws the consent and deletes the template at once.
	 * Withdrawing a locked template flags the next enrolment to the admins, so that
	 * withdrawing is not a way round {@code FACE_LOCKED}.
	 */
	@Transactional
	public void withdraw(UUID account) {
		Instant now = this.clock.instant();
		Optional<FaceTemplates.Template> template = current(account);
		this.templates.delete(account);
		int withdrawn = this.templates.withdrawConsent(account, now);
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
		FaceTemplates.Row row = this.templates.status(account);
		boolean enrolled = row.enrolledAt() != null && this.analyser.modelId().equals(row.model());
		return new Status(enrolled, enrolled && row.lockedAt() != null, enrolled ? row.mismatches() : 0,
				row.consentVersion(), row.consentedAt(), enrolled ? row.enrolledAt() : null, row.reenrolmentPending());
	}

	private void flag(UUID account, @Nullable UUID organization, @Nullable UUID activity, String reason) {
		Instant now = this.clock.instant();
		this.templates.flag(account, organization, activity, reason, now);
		this.audit.record(null, "FACE_REENROLMENT_FLAGGED", "ACCOUNT", account.toString(), (organization != null)
				? Map.of("reason", reason, "organizationId", organization.toString()) : Map.of("reason", reason));
		this.events.publishEvent(new FaceReenrolmentFlagged(account, organization, reason, now));
	}

	private void consent(UUID account, @Nullable String version, Instant now) {
		String current = this.templates.lockConsent(account).orElse(null);
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
		this.templates.withdrawConsent(account, now);
		this.templates.giveConsent(account, version.strip(), now);
		this.audit.record(account, "FACE_CONSENT_GIVEN", "ACCOUNT", account.toString(),
				Map.of("version", version.strip()));
	}

	private void store(UUID account, float[] descriptor, Instant now, @Nullable Instant lockedAt) {
		this.templates.store(account, this.secrets.seal(PURPOSE, FaceTemplates.bytes(descriptor)), this.secrets.keyId(),
				this.analyser.modelId(), now, lockedAt);
	}

	/**
	 * The volunteer's template, row-locked; a template made by another model (the
	 * operator changed it) cannot be compared and counts as none.
	 */
	private Optional<FaceTemplates.Template> current(UUID account) {
		return this.templates.lock(account).filter((t) -> this.analyser.modelId().equals(t.model()));
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
