package org.yixing.hours;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationId;
import org.yixing.organization.OrganizationPolicy;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Reason;
import org.yixing.shared.ReviewStatus;

/**
 * A volunteer asks one of their organizations for a makeup (工时补录); an admin approves
 * (which appends the honor entry) or rejects with a reason. The request row is locked
 * while it is decided.
 */
@Service
class MakeupRequests {

	private final JdbcClient jdbc;

	private final HonorHours honorHours;

	private final Ledger ledger;

	private final OrganizationPolicy policy;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final EvidenceFiles evidence;

	MakeupRequests(JdbcClient jdbc, HonorHours honorHours, Ledger ledger, OrganizationPolicy policy, AuditLog audit,
			ApplicationEventPublisher events, Clock clock, EvidenceFiles evidence) {
		this.evidence = evidence;
		this.jdbc = jdbc;
		this.honorHours = honorHours;
		this.ledger = ledger;
		this.policy = policy;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	Request submit(AuthenticatedAccount caller, OrganizationId organization, HonorHours.Makeup makeup) {
		if (makeup.evidenceFileId() != null) {
			this.evidence.requireOwn(caller, makeup.evidenceFileId());
		}
		if (makeup.minutes() <= 0) {
			throw DomainException.invalidField("minutes", "makeup.minutes.invalid");
		}
		this.honorHours.checkMakeup(caller.id(), organization, makeup);
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO makeup_requests (id, account_id, organization_id, minutes, reason, description, activity_id,
				  session_id, evidence, evidence_file_id, status, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""")
			.params(id, caller.id().value(), organization.value(), makeup.minutes(), makeup.reason().name(),
					makeup.description(), makeup.activityId(), makeup.sessionId(), makeup.evidence(),
					makeup.evidenceFileId(), Timestamp.from(this.clock.instant()))
			.update();
		return find(id).orElseThrow();
	}

	List<Request> mine(AuthenticatedAccount caller) {
		return this.jdbc.sql("SELECT * FROM makeup_requests WHERE account_id = ? ORDER BY created_at DESC LIMIT 200")
			.param(caller.id().value())
			.query(MakeupRequests::map)
			.list();
	}

	List<Request> ofOrganization(AuthenticatedAccount caller, OrganizationId organization,
			@Nullable ReviewStatus status) {
		this.policy.requireAdmin(caller, organization);
		String named = (status != null) ? status.name() : null;
		return this.jdbc.sql("""
				SELECT * FROM makeup_requests WHERE organization_id = ? AND (CAST(? AS text) IS NULL OR status = ?)
				ORDER BY created_at LIMIT 1000""")
			.params(organization.value(), named, named)
			.query(MakeupRequests::map)
			.list();
	}

	/**
	 * How many requests wait for a decision in each of these organizations that has any,
	 * the most first.
	 */
	Map<UUID, Integer> pendingBy(Collection<UUID> organizations) {
		Map<UUID, Integer> pending = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT organization_id, count(*) AS n FROM makeup_requests
				WHERE status = 'PENDING' AND organization_id = ANY (?)
				GROUP BY organization_id ORDER BY n DESC, organization_id""")
			.param(organizations.toArray(UUID[]::new))
			.query((rs, row) -> pending.put(rs.getObject("organization_id", UUID.class), rs.getInt("n")))
			.list();
		return pending;
	}

	@Transactional
	Request approve(AuthenticatedAccount caller, UUID id) {
		Request request = pending(caller, id);
		HonorHours.Makeup makeup = new HonorHours.Makeup(request.minutes(), MakeupReason.valueOf(request.reason()),
				request.description(), request.activityId(), request.sessionId(), request.evidence(),
				request.evidenceFileId(), null);
		AccountId volunteer = new AccountId(request.accountId());
		OrganizationId organization = new OrganizationId(request.organizationId());
		this.honorHours.checkMakeup(volunteer, organization, makeup);
		LedgerEntry entry = this.honorHours.entry(caller.id(), organization, volunteer, makeup, "MAKEUP", null);
		this.ledger.append(entry);
		decide(id, ReviewStatus.APPROVED, null, entry.id(), caller);
		this.audit.record(caller.id().value(), "MAKEUP_APPROVED", "ACCOUNT", volunteer.toString(),
				Map.of("requestId", id.toString(), "entryId", entry.id().toString(), "minutes", request.minutes()));
		this.events.publishEvent(new MakeupRequestDecided(id, request.accountId(), request.organizationId(),
				request.minutes(), true, null));
		return find(id).orElseThrow();
	}

	@Transactional
	Request reject(AuthenticatedAccount caller, UUID id, String rawReason) {
		Request request = pending(caller, id);
		String reason = Reason.check(rawReason);
		decide(id, ReviewStatus.REJECTED, reason.strip(), null, caller);
		this.audit.record(caller.id().value(), "MAKEUP_REJECTED", "ACCOUNT", request.accountId().toString(),
				Map.of("requestId", id.toString(), "reason", reason.strip()));
		this.events.publishEvent(new MakeupRequestDecided(id, request.accountId(), request.organizationId(),
				request.minutes(), false, reason.strip()));
		return find(id).orElseThrow();
	}

	private Request pending(AuthenticatedAccount caller, UUID id) {
		Request request = find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, new OrganizationId(request.organizationId()));
		Request locked = this.jdbc.sql("SELECT * FROM makeup_requests WHERE id = ? FOR UPDATE")
			.param(id)
			.query(MakeupRequests::map)
			.single();
		if (locked.status() != ReviewStatus.PENDING) {
			throw new DomainException(ErrorCode.ALREADY_DECIDED);
		}
		return locked;
	}

	private void decide(UUID id, ReviewStatus status, @Nullable String reason, @Nullable UUID entryId,
			AuthenticatedAccount caller) {
		this.jdbc.sql("""
				UPDATE makeup_requests SET status = ?, decision_reason = ?, entry_id = ?, decided_by = ?, decided_at = ?
				WHERE id = ?""")
			.params(status.name(), reason, entryId, caller.id().value(), Timestamp.from(this.clock.instant()), id)
			.update();
	}

	private Optional<Request> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM makeup_requests WHERE id = ?")
			.param(id)
			.query(MakeupRequests::map)
			.optional();
	}

	private static Request map(ResultSet rs, int row) throws SQLException {
		Timestamp decided = rs.getTimestamp("decided_at");
		return new Request(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getObject("organization_id", UUID.class), rs.getInt("minutes"), rs.getString("reason"),
				rs.getString("description"), rs.getObject("activity_id", UUID.class),
				rs.getObject("session_id", UUID.class), rs.getString("evidence"),
				rs.getObject("evidence_file_id", UUID.class), ReviewStatus.valueOf(rs.getString("status")),
				rs.getString("decision_reason"), rs.getObject("entry_id", UUID.class),
				rs.getTimestamp("created_at").toInstant(), (decided != null) ? decided.toInstant() : null);
	}

	record Request(UUID id, UUID accountId, UUID organizationId, int minutes, String reason, String description,
			@Nullable UUID activityId, @Nullable UUID sessionId, @Nullable String evidence,
			@Nullable UUID evidenceFileId, ReviewStatus status, @Nullable String decisionReason, @Nullable UUID entryId,
			Instant createdAt, @Nullable Instant decidedAt) {
	}

}
