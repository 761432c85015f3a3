package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.activity.CheckInMode;
import org.yixing.activity.RotatingQrTokens;
import org.yixing.face.FaceMismatch;
import org.yixing.face.FaceRecognition;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.TimeOrderedIds;
import org.yixing.shared.geo.CoordinateSystem;
import org.yixing.shared.geo.GeoPoint;

/**
 * Check-in and check-out with the checks of RULES §6 in their order. Each runs in one
 * transaction; the unique index on open sessions and the device binding's primary key
 * settle races between devices, accounts and app nodes.
 */
@Service
class CheckIns {

	private final Sessions sessions;

	private final ActivityDirectory activities;

	private final OrganizationDirectory organizations;

	private final InsuranceCoverage insurance;

	private final Agreements agreements;

	private final SignUps signUps;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final CheckInCodeGuesses guesses;

	private final FaceRecognition faces;

	private final Clock clock;

	private final RotatingQrTokens qrTokens;

	private final RiskSignals risks;

	CheckIns(FaceRecognition faces, Sessions sessions, ActivityDirectory activities,
			OrganizationDirectory organizations, InsuranceCoverage insurance, Agreements agreements, SignUps signUps,
			ApplicationEventPublisher events, TransactionTemplate transactions, CheckInCodeGuesses guesses,
			RotatingQrTokens qrTokens, RiskSignals risks, Clock clock) {
		this.qrTokens = qrTokens;
		this.risks = risks;
		this.faces = faces;
		this.guesses = guesses;
		this.sessions = sessions;
		this.activities = activities;
		this.organizations = organizations;
		this.insurance = insurance;
		this.agreements = agreements;
		this.signUps = signUps;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	CheckedIn checkIn(AuthenticatedAccount caller, CheckInRequest request) {
		// A miss is counted outside the transaction that its refusal rolls back.
		try {
			return this.transactions.execute((status) -> checkInOnce(caller, request));
		}
		catch (FaceMismatch mismatch) {
			// Counted after the check-in rolled back; the third in a row asks to
			// re-enrol.
			throw this.faces.mismatched(mismatch);
		}
		catch (DomainException ex) {
			if (ex.code() == ErrorCode.CHECK_IN_CODE_NOT_FOUND) {
				this.guesses.miss(caller, request.clientAddress());
			}
			throw ex;
		}
		catch (DuplicateKeyException raced) {
			// Another request of this volunteer opened a session first (check 5).
			Session winner = this.sessions.findOpenOf(caller.id().value()).orElseThrow(() -> raced);
			throw alreadyCheckedIn(winner, request.deviceId());
		}
	}

	private CheckedIn checkInOnce(AuthenticatedAccount caller, CheckInRequest request) {
		// PostgreSQL keeps microseconds: answer with the instant as stored.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		UUID account = caller.id().value();
		// 1. The integrity agreement, in its current version.
		if (!request.agreementAccepted() || !this.agreements.isCurrent(request.agreementVersion())) {
			throw new DomainException(ErrorCode.AGREEMENT_REQUIRED);
		}
		// The activity behind the code: from the node's one-second copy, rarely a query.
		Optional<CheckInActivity> found = this.activities.findByCheckInCode(request.checkInCode());
		GeoPoint position = request.coordinateSystem().toWgs84(request.position());
		// The volunteer's open session and the phone's owner (checks 5 and 6), read first
		// in one round trip with the guessing budget and the risk signals' neighbourhood:
		// a guesser is refused before anything is said about the code, so that the
		// answer tells a right code from no wrong one.
		Sessions.OpenSessionAndDevice read = this.sessions.lockOpenOfAndDeviceOwner(account, request.deviceId(),
				this.guesses.budget(caller, request.clientAddress()),
				found
					.map((a) -> new Sessions.Around(a.id().value(), position, now,
							a.membersOnly() ? a.organizationId().value() : null))
					.orElse(null));
		if (read.overBudget()) {
			throw this.guesses.spent();
		}
		// 2. The sign-in code.
		CheckInActivity activity = found.orElseThrow(() -> new DomainException(ErrorCode.CHECK_IN_CODE_NOT_FOUND));
		requireNotCancelled(activity);
		// 动态二维码 (RULES §12): a token of the projected QR's current step or the two
		// before.
		if (activity.checkInMode() == CheckInMode.ROTATING_QR
				&& !this.qrTokens.accepts(activity.id(), request.qrToken(), now)) {
			throw new DomainException(ErrorCode.CHECK_IN_QR_EXPIRED);
		}
		// 3 and 4. The check-in window; members only.
		requireOpenTo(activity, caller.id(), now, read.member());
		// 5. An open session: here, or on another device. An expired one is void first.
		read.open().ifPresent((open) -> {
			if (open.openAt(now)) {
				throw alreadyCheckedIn(open, request.deviceId());
			}
			this.sessions.voidOne(open.id(), now);
		});
		// 6. Quick check-in: one phone, one account.
		if (request.method() == Method.QUICK && !read.deviceOwner()
			.orElseGet(() -> this.sessions.bindDevice(request.deviceId(), account, now))
			.equals(account)) {
			throw new DomainException(ErrorCode.DEVICE_BOUND_TO_OTHER_ACCOUNT);
		}
		// 7. The geofence.
		int metresToGo = activity.geofence().metresToGo(position);
		if (metresToGo > 0) {
			throw new DomainException(ErrorCode.OUT_OF_RANGE, String.valueOf(metresToGo)).with("distanceMeters",
					metresToGo);
		}
		// 8. Insurance, where the activity requires it (志愿服务条例 Art. 17).
		requireInsurance(activity, account);
		requirePlace(activity, account, now);
		// 9. Face: the picture, analysed before this transaction, against the enrolment
		// (or enrolled now, the first time).
		if (request.method() == Method.FACE) {
			FaceRecognition.Capture face = request.face();
			if (face == null) {
				throw new IllegalStateException("FACE check-in without a captured face");
			}
			this.faces.verify(account, face, request.faceConsentVersion(), activity.organizationId().value(),
					activity.id().value());
		}
		List<RiskSignals.Finding> risks = this.risks.assess(RiskSignals.Direction.IN, position,
				request.accuracyMeters(), activity.geofence(), now, request.client(),
				java.util.Objects.requireNonNull(read.neighbourhood()));
		SessionExpiry expiry = SessionExpiry.of(now, activity.checkOutDeadline());
		Session session = new Session(TimeOrderedIds.at(now), activity.id().value(), activity.organizationId().value(),
				account, request.deviceId(), request.method().name(), SessionStatus.OPEN, now, request.accuracyMeters(),
				expiry.at(), expiry.reason(), null, null, 0);
		this.sessions.open(session, position, request.coordinateSystem().name(), request.agreementVersion(), risks);
		return new CheckedIn(session, activity.title());
	}

	/**
	 * Checks 3 and 4: the activity was not cancelled, the check-in window is open, and a
	 * members-only activity takes members of its organization or of any organization
	 * below it.
	 */
	void requireOpenTo(CheckInActivity activity, AccountId account, Instant now) {
		requireOpenTo(activity, account, now, null);
	}

	/** The same, with the membership already read (null: ask the organization module). */
	private void requireOpenTo(CheckInActivity activity, AccountId account, Instant now, @Nullable Boolean member) {
		requireNotCancelled(activity);
		if (!activity.checkInOpenAt(now)) {
			throw new DomainException(ErrorCode.ACTIVITY_NOT_IN_PROGRESS);
		}
		if (activity.membersOnly() && !((member != null) ? member
				: this.organizations.isMemberOfOrBelow(account, activity.organizationId()))) {
			throw new DomainException(ErrorCode.NOT_ORGANIZATION_MEMBER);
		}
	}

	/** 已取消 (RULES §5): nobody checks in to a cancelled activity. */
	static void requireNotCancelled(CheckInActivity activity) {
		if (activity.cancelled()) {
			throw new DomainException(ErrorCode.ACTIVITY_CANCELLED);
		}
	}

	/**
	 * Check 8: the activity requires insurance and the volunteer holds none for its date.
	 */
	void requireInsurance(CheckInActivity activity, UUID account) {
		if (activity.requiresInsurance() && !this.insurance.covers(account, VolunteerActivities.day(activity))) {
			throw new DomainException(ErrorCode.INSURANCE_REQUIRED);
		}
	}

	/**
	 * Capacity (RULES §5): a signed-up volunteer always has a place; a walk-in only while
	 * places remain, and before the start only those that nobody waits for (候补: a place
	 * freed a moment ago is theirs, whose filling may not have run yet). Holds the
	 * activity's lock until the transaction ends.
	 */
	void requirePlace(CheckInActivity activity, UUID account, Instant now) {
		if (activity.capacity() == null) {
			return;
		}
		UUID id = activity.id().value();
		this.sessions.lockActivity(id);
		if (this.signUps.isSignedUp(id, account)) {
			return;
		}
		long taken = now.isBefore(activity.startAt()) ? this.signUps.heldAndAwaitedBeforeWalkIn(id, account, now)
				: this.signUps.participantsOtherThan(id, account, now);
		if (taken >= activity.capacity()) {
			throw new DomainException(ErrorCode.ACTIVITY_FULL);
		}
		// One who waited holds a place now, and is not told that none came.
		this.signUps.walkedIn(id, account);
	}

	/**
	 * Check-out (RULES §6): the same device, inside the fence, by the end plus the grace
	 * period; credit time is the overlap with the activity in whole minutes.
	 */
	Session checkOut(AuthenticatedAccount caller, UUID sessionId, CheckOutRequest request) {
		return this.transactions.execute((status) -> {
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
			Session session = this.sessions.lock(sessionId)
				.filter((s) -> s.accountId().equals(caller.id().value()))
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
			if (session.status() == SessionStatus.COMPLETED) {
				throw new DomainException(ErrorCode.SESSION_NOT_OPEN);
			}
			CheckInActivity activity = this.activities.find(new ActivityId(session.activityId())).orElseThrow();
			if (!session.deviceId().equals(request.deviceId())) {
				throw new DomainException(ErrorCode.CHECKED_IN_ON_ANOTHER_DEVICE);
			}
			GeoPoint position = request.coordinateSystem().toWgs84(request.position());
			int metresToGo = activity.geofence().metresToGo(position);
			if (metresToGo > 0) {
				throw new DomainException(ErrorCode.OUT_OF_RANGE, String.valueOf(metresToGo)).with("distanceMeters",
						metresToGo);
			}
			int minutes = creditMinutesAtCheckOut(session, activity, now);
			this.sessions.complete(sessionId, now, position, request.accuracyMeters(), minutes,
					this.risks.assess(RiskSignals.Direction.OUT, activity.id().value(), session.accountId(), position,
							request.accuracyMeters(), activity.geofence(), now, request.client()));
			this.events.publishEvent(new SessionCompleted(sessionId, session.accountId(), session.activityId(),
					session.organizationId(), minutes, session.checkedInAt(), now));
			return session.completed(now, request.accuracyMeters(), minutes);
		});
	}

	/**
	 * Check-out's time rule, however the session is closed: by the activity's end plus
	 * the grace period, while the session is still open. The credit time is its overlap
	 * with the activity, in whole minutes.
	 */
	static int creditMinutesAtCheckOut(Session session, CheckInActivity activity, Instant now) {
		if (now.isAfter(activity.checkOutDeadline())
				|| (!session.openAt(now) && session.expiryReason() == SessionExpiry.Reason.DEADLINE)) {
			throw new DomainException(ErrorCode.ACTIVITY_NOT_IN_PROGRESS);
		}
		if (!session.openAt(now)) {
			throw new DomainException(ErrorCode.SESSION_NOT_OPEN);
		}
		return CreditTime.minutes(session.checkedInAt(), now, activity.startAt(), activity.endAt());
	}

	private static DomainException alreadyCheckedIn(Session open, String deviceId) {
		return new DomainException(open.deviceId().equals(deviceId) ? ErrorCode.ALREADY_CHECKED_IN
				: ErrorCode.CHECKED_IN_ON_ANOTHER_DEVICE);
	}

	record CheckedIn(Session session, String activityTitle) {
	}

	enum Method {

		QUICK, FACE

	}

	record CheckInRequest(String checkInCode, GeoPoint position, @Nullable Double accuracyMeters,
			CoordinateSystem coordinateSystem, boolean agreementAccepted, String agreementVersion, Method method,
			String deviceId, String clientAddress, FaceRecognition.@Nullable Capture face,
			@Nullable String faceConsentVersion, @Nullable String qrToken, RiskSignals.ClientSignals client) {
	}

	record CheckOutRequest(GeoPoint position, @Nullable Double accuracyMeters, CoordinateSystem coordinateSystem,
			String deviceId, RiskSignals.ClientSignals client) {
	}

}
