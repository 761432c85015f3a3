package org.yixing.face;

import java.time.Instant;
import java.util.UUID;

import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * A failed comparison, to be counted after the check-in's transaction rolled back.
 */
public final class FaceMismatch extends DomainException {

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

	UUID organization() {
		return this.organization;
	}

	UUID activity() {
		return this.activity;
	}

}
