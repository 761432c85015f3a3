package org.yixing.attendance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.presence.PresenceKeys;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.TimeOrderedIds;

/**
 * 扫码签到 (RULES §12): an admin of the activity's organization or above scans the
 * volunteers' personal codes, online or offline, and uploads the scans in batches. Each
 * scan is judged at its time corrected by the phone's clock offset measured at upload:
 * the first scan of a volunteer opens a SCAN session, the next one at least a minute
 * later closes it. Members only, capacity, insurance, the window and the deadline apply;
 * the geofence and the device rules do not. A batch is one transaction with one savepoint
 * per scan, so a refused scan undoes only itself; each scan id is recorded once per
 * activity, so a batch sent twice, or to two nodes at once, records each scan once.
 */
@Service
class OrganizerScans {

	/** Scans uploaded later than this after they were made do not count. */
	static final Duration UPLOAD_LIMIT = Duration.ofHours(72);

	/** The next scan closes a session only this long after it opened. */
	static final Duration SHORTEST_SESSION = Duration.ofMinutes(1);

	/** A phone's clock may run this far ahead of the one it reported at upload. */
	static final Duration FUTURE_TOLERANCE = Duration.ofSeconds(5);

	static final String DEVICE_PREFIX = "scan:";

	private final Sessions sessions;

	private final AttendanceLists lists;

	private final PresenceKeys keys;

	private final CheckIns checkIns;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final TransactionTemplate batch;

	private final TransactionTemplate savepoint;

	private final Clock clock;

	private final AdminSessions adminSessions;

	OrganizerScans(Sessions sessions, AttendanceLists lists, PresenceKeys keys, CheckIns checkIns,
			ApplicationEventPublisher events, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
			AdminSessions adminSessions) {
		this.adminSessions = adminSessions;
		this.sessions = sessions;
		this.lists = lists;
		this.keys = keys;
		this.checkIns = checkIns;
		this.events = events;
		this.jdbc = jdbc;
		this.batch = new TransactionTemplate(transactions);
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.clock = clock;
	}

	/**
	 * Judges and records a batch of scans; {@code deviceNow} is the phone's clock at
	 * upload, which measures its offset from the application clock.
	 */
	List<Outcome> upload(AuthenticatedAccount admin, UUID activityId, Instant deviceNow, List<Scan> scans) {
		CheckInActivity activity = this.lists.administered(admin, activityId);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Duration offset = ScanClock.offset(now, deviceNow);
		// In the phone's order, ties by id: two nodes judging the same batch lock alike.
		List<Scan> ordered = new ArrayList<>(scans);
		ordered.sort(Comparator.comparing(Scan::scannedAt).thenComparing(Scan::scanId));
		Map<String, Outcome> outcomes = this.batch.execute((status) -> {
			Map<String, Outcome> judged = new HashMap<>();
			for (Scan scan : ordered) {
				judged.put(scan.scanId(), one(admin, activity, scan, offset, now));
			}
			return judged;
		});
		// Answered in the order sent.
		return scans.stream().map((scan) -> outcomes.get(scan.scanId())).toList();
	}

	private Outcome one(AuthenticatedAccount admin, CheckInActivity activity, Scan scan, Duration offset, Instant now) {
		Instant at = ScanClock.corrected(scan.scannedAt(), offset).truncatedTo(ChronoUnit.MICROS);
		// Claimed first, outside the scan's savepoint: a scan sent before answers as
		// then.
		boolean claimed = this.jdbc.sql("""
				INSERT INTO attendance_scans (activity_id, scan_id, scanned_by, scanned_at, clock_offset_ms, judged_at,
				  uploaded_at, outcome)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING') ON CONFLICT DO NOTHING""")
			.params(activity.id().value(), scan.scanId(), admin.id().value(), Timestamp.from(scan.scannedAt()),
					offset.toMillis(), Timestamp.from(at), Timestamp.from(now))
			.update() == 1;
		if (!claimed) {
			return recorded(activity.id().value(), scan.scanId());
		}
		Judged judged;
		try {
			judged = this.savepoint.execute((status) -> judge(admin, activity, scan.code(), at, now));
		}
		catch (DomainException ex) {
			judged = Judged.refused(ex.code(), accountOf(scan.code(), at));
		}
		catch (DuplicateKeyException raced) {
			// Another session of the volunteer is open now (the one-open-session index).
			judged = Judged.refused(ErrorCode.ALREADY_CHECKED_IN, accountOf(scan.code(), at));
		}
		this.jdbc.sql("""
				UPDATE attendance_scans SET outcome = ?, code = ?, session_id = ?, account_id = ?
				WHERE activity_id = ? AND scan_id = ?""")
			.params(judged.outcome(), (judged.refusal() != null) ? judged.refusal().name() : null, judged.sessionId(),
					(judged.account() != null) ? judged.account().value() : null, activity.id().value(), scan.scanId())
			.update();
		return new Outcome(scan.scanId(), judged.outcome(), judged.refusal(), judged.sessionId(), judged.account());
	}

	private Judged judge(AuthenticatedAccount admin, CheckInActivity activity, String code, Instant at, Instant now) {
		if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
			throw DomainException.invalidField("scannedAt", "attendance.scan.future");
		}
		if (at.isBefore(now.minus(UPLOAD_LIMIT))) {
			throw new DomainException(ErrorCode.SCAN_TOO_LATE);
		}
		AccountId volunteer = this.keys.verify(code, at)
			.orElseThrow(() -> new DomainException(ErrorCode.PRESENCE_CODE_INVALID));
		UUID account = volunteer.value();
		Optional<Session> open = this.adminSessions.lockOpenAt(account, activity.id().value(), at);
		if (open.isPresent()) {
			Session session = open.get();
			if (Duration.between(session.checkedInAt(), at).compareTo(SHORTEST_SESSION) < 0) {
				throw new DomainException(ErrorCode.ALREADY_CHECKED_IN);
			}
			spend(code, PresenceKeys.Direction.OUT);
			int minutes = CheckIns.creditMinutesAtCheckOut(session, activity, at);
			this.adminSessions.completeScanned(session.id(), at, minutes, admin.id().value());
			this.events.publishEvent(new SessionCompleted(session.id(), account, activity.id().value(),
					session.organizationId(), minutes, session.checkedInAt(), at));
			return Judged.done("CHECKED_OUT", session.id(), volunteer);
		}
		spend(code, PresenceKeys.Direction.IN);
		this.checkIns.requireOpenTo(activity, volunteer, at);
		// One session at a time, as it was at the scan's time; an expired one is void
		// now.
		this.sessions.lockOpenOf(account).ifPresent((current) -> {
			if (!current.openAt(now)) {
				this.sessions.voidOne(current.id(), now);
			}
		});
		if (this.adminSessions.accountHadOpenAt(account, at)) {
			throw new DomainException(ErrorCode.ALREADY_CHECKED_IN);
		}
		this.checkIns.requireInsurance(activity, account);
		this.checkIns.requirePlace(activity, account, at);
		SessionExpiry expiry = SessionExpiry.of(at, activity.checkOutDeadline());
		Session session = new Session(TimeOrderedIds.at(now), activity.id().value(), activity.organizationId().value(),
				account, DEVICE_PREFIX + admin.id().value(), "SCAN", SessionStatus.OPEN, at, null, expiry.at(),
				expiry.reason(), null, null, 0);
		this.adminSessions.openScanned(session, admin.id().value(), now);
		return Judged.done("CHECKED_IN", session.id(), volunteer);
	}

	private void spend(String code, PresenceKeys.Direction direction) {
		if (!this.keys.spend(code, direction)) {
			throw new DomainException(ErrorCode.PRESENCE_CODE_INVALID);
		}
	}

	/** Whose code it was, for the answer, even when the scan was refused. */
	private @Nullable AccountId accountOf(String code, Instant at) {
		return this.keys.verify(code, at).orElse(null);
	}

	private Outcome recorded(UUID activity, String scanId) {
		return this.jdbc
			.sql("""
					SELECT outcome, code, session_id, account_id FROM attendance_scans WHERE activity_id = ? AND scan_id = ?""")
			.params(activity, scanId)
			.query((rs, n) -> {
				String code = rs.getString("code");
				UUID account = rs.getObject("account_id", UUID.class);
				return new Outcome(scanId, rs.getString("outcome"), (code != null) ? ErrorCode.valueOf(code) : null,
						rs.getObject("session_id", UUID.class), (account != null) ? new AccountId(account) : null);
			})
			.single();
	}

	private record Judged(String outcome, @Nullable ErrorCode refusal, @Nullable UUID sessionId,
			@Nullable AccountId account) {

		static Judged refused(ErrorCode refusal, @Nullable AccountId account) {
			return new Judged("REFUSED", refusal, null, account);
		}

		static Judged done(String outcome, UUID sessionId, AccountId account) {
			return new Judged(outcome, null, sessionId, account);
		}

	}

	/**
	 * @param scanId the phone's id for the scan (a UUID), which makes uploads idempotent
	 * @param code the QR text scanned
	 * @param scannedAt the phone's clock when it scanned
	 */
	record Scan(String scanId, String code, Instant scannedAt) {
	}

	/**
	 * @param outcome CHECKED_IN, CHECKED_OUT or REFUSED
	 * @param refusal the docs/RULES.md code of a refusal
	 */
	record Outcome(String scanId, String outcome, @Nullable ErrorCode refusal, @Nullable UUID sessionId,
			@Nullable AccountId account) {
	}

}
