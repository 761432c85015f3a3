package org.yixing.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.FileTypes;
import org.yixing.shared.Reason;
import org.yixing.shared.ReviewStatus;
import org.yixing.sms.PhoneNumber;

/**
 * Recovery by handheld-ID photo (RULES §3): the volunteer uploads a photo holding the ID
 * card and a phone they can use now; staff approve (the phone is rebound, so the SMS
 * reset works) or reject with a reason. Photos are sealed at rest and only staff see
 * them.
 */
@Service
class IdPhotoRecovery {

	static final int MAX_PHOTO_BYTES = 5 * 1024 * 1024;

	private final IdPhotoReviews reviews;

	private final Accounts accounts;

	private final AccessTokens tokens;

	private final IdentityCrypto crypto;

	private final AuditLog audit;

	private final Clock clock;

	IdPhotoRecovery(IdPhotoReviews reviews, Accounts accounts, AccessTokens tokens, IdentityCrypto crypto,
			AuditLog audit, Clock clock) {
		this.reviews = reviews;
		this.accounts = accounts;
		this.tokens = tokens;
		this.crypto = crypto;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	IdPhotoReviews.Review submit(@Nullable String rawIdNumber, String realName, @Nullable String rawNewPhone,
			byte[] photo) {
		String name = RealName.check(realName);
		Instant now = this.clock.instant();
		IdNumber idNumber = IdNumber.parse(rawIdNumber, LocalDate.ofInstant(now, ApplicationClock.ZONE));
		PhoneNumber newPhone = PhoneNumber.parse(rawNewPhone);
		String contentType = imageType(photo);
		Account account = this.accounts.lockByIdNumberHash(this.crypto.lookup(idNumber))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (this.reviews.hasPending(account.id())) {
			throw new DomainException(ErrorCode.REQUEST_PENDING);
		}
		UUID id = UUID.randomUUID();
		this.reviews.insert(id, account.id(), name, this.crypto.seal(newPhone), newPhone.masked(),
				this.crypto.sealPhoto(photo), contentType, now, this.crypto.keyId());
		return this.reviews.find(id).orElseThrow();
	}

	IdPhotoReviews.Review status(UUID id) {
		return this.reviews.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
	}

	List<IdPhotoReviews.Review> list(AuthenticatedAccount staff, @Nullable ReviewStatus status) {
		staff.requireStaff();
		return this.reviews.list(status);
	}

	IdPhotoReviews.Photo photo(AuthenticatedAccount staff, UUID id) {
		staff.requireStaff();
		IdPhotoReviews.Photo photo = this.reviews.photo(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		return new IdPhotoReviews.Photo(this.crypto.openPhoto(photo.sealed()), photo.contentType());
	}

	/** Rebinds the phone; the volunteer then resets the password by SMS to it. */
	@Transactional
	IdPhotoReviews.Review approve(AuthenticatedAccount staff, UUID id) {
		staff.requireStaff();
		IdPhotoReviews.Review review = pending(id);
		byte[] sealedPhone = review.newPhoneSealed();
		if (sealedPhone == null) {
			throw new DomainException(ErrorCode.NOT_FOUND);
		}
		PhoneNumber newPhone = this.crypto.openPhone(sealedPhone);
		if (this.accounts.phoneTakenByOther(this.crypto.lookup(newPhone), review.accountId())) {
			throw new DomainException(ErrorCode.PHONE_IN_USE);
		}
		Instant now = this.clock.instant();
		this.accounts.updatePhone(review.accountId(), this.crypto.hash(newPhone), this.crypto.seal(newPhone),
				newPhone.masked(), now);
		this.accounts.clearLockOut(review.accountId(), now);
		this.tokens.revokeAllOf(review.accountId(), null);
		this.reviews.decide(id, ReviewStatus.APPROVED, null, staff.id(), now);
		this.audit.record(staff.id().value(), "ID_PHOTO_REVIEW_APPROVED", "ACCOUNT", review.accountId().toString(),
				Map.of("reviewId", id.toString(), "newPhone", newPhone.masked()));
		return this.reviews.find(id).orElseThrow();
	}

	@Transactional
	IdPhotoReviews.Review reject(AuthenticatedAccount staff, UUID id, String rawReason) {
		staff.requireStaff();
		IdPhotoReviews.Review review = pending(id);
		String reason = Reason.check(rawReason);
		this.reviews.decide(id, ReviewStatus.REJECTED, reason.strip(), staff.id(), this.clock.instant());
		this.audit.record(staff.id().value(), "ID_PHOTO_REVIEW_REJECTED", "ACCOUNT", review.accountId().toString(),
				Map.of("reviewId", id.toString(), "reason", reason.strip()));
		return this.reviews.find(id).orElseThrow();
	}

	private IdPhotoReviews.Review pending(UUID id) {
		IdPhotoReviews.Review review = this.reviews.lock(id)
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (review.status() != ReviewStatus.PENDING) {
			throw new DomainException(ErrorCode.ALREADY_DECIDED);
		}
		return review;
	}

	/**
	 * Only JPEG and PNG, recognised by their first bytes rather than a client's claim.
	 */
	static String imageType(byte[] photo) {
		if (photo.length > MAX_PHOTO_BYTES) {
			throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE);
		}
		return FileTypes.sniff(photo)
			.filter((type) -> type.startsWith("image/"))
			.orElseThrow(() -> new DomainException(ErrorCode.INVALID_PHOTO));
	}

}
