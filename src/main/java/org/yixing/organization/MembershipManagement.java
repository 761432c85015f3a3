package org.yixing.organization;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Reason;
import org.yixing.shared.ReviewStatus;

/**
 * Joining and leaving organizations, and who administers them (RULES §4). Races are
 * settled by the database: the request row is locked while it is decided, one pending
 * request per person and organization is a unique index, a membership a primary key.
 */
@Service
class MembershipManagement {

	/** At most this many characters in the message of a membership request. */
	static final int MAX_MESSAGE = 500;

	private final Memberships memberships;

	private final Organizations organizations;

	private final OrganizationPolicy policy;

	private final AccountDirectory accounts;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MembershipManagement(Memberships memberships, Organizations organizations, OrganizationPolicy policy,
			AccountDirectory accounts, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
		this.memberships = memberships;
		this.organizations = organizations;
		this.policy = policy;
		this.accounts = accounts;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	Memberships.Request apply(AuthenticatedAccount caller, OrganizationId id, @Nullable String message) {
		// The message to the admins is optional, and never cut short: too long is
		// refused.
		String text = (message != null) ? message.strip() : "";
		if (text.length() > MAX_MESSAGE) {
			throw DomainException.invalidField("message", "organization.message.tooLong");
		}
		Organization organization = this.organizations.find(id)
			.filter((o) -> this.policy.canSee(caller, o))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (organization.archived()) {
			throw new DomainException(ErrorCode.ORGANIZATION_ARCHIVED);
		}
		if (this.memberships.role(caller.id(), id).isPresent()) {
			throw new DomainException(ErrorCode.ALREADY_MEMBER);
		}
		UUID requestId = UUID.randomUUID();
		try {
			this.memberships.insertRequest(requestId, id, caller.id(), text, this.clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new DomainException(ErrorCode.REQUEST_PENDING);
		}
		return this.memberships.findRequest(requestId).orElseThrow();
	}

	List<Memberships.Request> requests(AuthenticatedAccount caller, OrganizationId id, @Nullable ReviewStatus status) {
		existing(id);
		this.policy.requireAdmin(caller, id);
		return this.memberships.requests(id, status);
	}

	List<Memberships.Request> myRequests(AuthenticatedAccount caller) {
		return this.memberships.requestsOf(caller.id());
	}

	/** Approves a pending request; a second decision → 409 {@code ALREADY_DECIDED}. */
	@Transactional
	Memberships.Request approve(AuthenticatedAccount caller, UUID requestId) {
		Memberships.Request request = pending(caller, requestId);
		Instant now = this.clock.instant();
		this.memberships.add(request.accountId(), request.organizationId(), MemberRole.MEMBER, now);
		this.memberships.decide(requestId, ReviewStatus.APPROVED, null, caller.id(), now);
		this.audit.record(caller.id().value(), "MEMBERSHIP_APPROVED", "ORGANIZATION",
				request.organizationId().toString(), Map.of("accountId", request.accountId().toString()));
		decided(request, true, null);
		return this.memberships.findRequest(requestId).orElseThrow();
	}

	@Transactional
	Memberships.Request reject(AuthenticatedAccount caller, UUID requestId, String rawReason) {
		Memberships.Request request = pending(caller, requestId);
		String reason = Reason.check(rawReason);
		this.memberships.decide(requestId, ReviewStatus.REJECTED, reason.strip(), caller.id(), this.clock.instant());
		this.audit.record(caller.id().value(), "MEMBERSHIP_REJECTED", "ORGANIZATION",
				request.organizationId().toString(),
				Map.of("accountId", request.accountId().toString(), "reason", reason.strip()));
		decided(request, false, reason.strip());
		return this.memberships.findRequest(requestId).orElseThrow();
	}

	private void decided(Memberships.Request request, boolean approved, @Nullable String reason) {
		String name = this.organizations.find(request.organizationId()).map(Organization::name).orElse("");
		this.events.publishEvent(new MembershipDecided(request.accountId(), request.organizationId(), name, approved,
				reason, UUID.randomUUID()));
	}

	/**
	 * Adds a volunteer directly by ID number; a pending request of theirs is approved.
	 */
	@Transactional
	Memberships.Member addByIdNumber(AuthenticatedAccount caller, OrganizationId id, String idNumber) {
		requireAdding(caller, id);
		AccountId account = this.accounts.findByIdNumber(idNumber)
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND))
			.id();
		Instant now = this.clock.instant();
		if (!this.memberships.add(account, id, MemberRole.MEMBER, now)) {
			throw new DomainException(ErrorCode.ALREADY_MEMBER);
		}
		this.memberships.approvePending(id, account, caller.id(), now);
		this.audit.record(caller.id().value(), "MEMBER_ADDED", "ORGANIZATION", id.toString(),
				Map.of("accountId", account.toString()));
		return new Memberships.Member(account, MemberRole.MEMBER, now);
	}

	/**
	 * Whether {@code caller} may add members to {@code id}: an admin in scope, of an
	 * organization not archived.
	 */
	void requireAdding(AuthenticatedAccount caller, OrganizationId id) {
		Organization organization = existing(id);
		this.policy.requireAdmin(caller, id);
		if (organization.archived()) {
			throw new DomainException(ErrorCode.ORGANIZATION_ARCHIVED);
		}
	}

	/** An admin in scope removes a member, or a volunteer leaves. */
	@Transactional
	void remove(AuthenticatedAccount caller, OrganizationId id, AccountId account) {
		existing(id);
		if (!caller.id().equals(account)) {
			this.policy.requireAdmin(caller, id);
		}
		if (!this.memberships.remove(account, id)) {
			throw new DomainException(ErrorCode.NOT_FOUND);
		}
		this.audit.record(caller.id().value(), caller.id().equals(account) ? "MEMBER_LEFT" : "MEMBER_REMOVED",
				"ORGANIZATION", id.toString(), Map.of("accountId", account.toString()));
	}

	/** Makes an account an admin of the organization (and so a member of it). */
	@Transactional
	void grantAdmin(AuthenticatedAccount caller, OrganizationId id, AccountId account) {
		existing(id);
		this.policy.requireAdmin(caller, id);
		if (this.accounts.find(account).isEmpty()) {
			throw new DomainException(ErrorCode.NOT_FOUND);
		}
		Instant now = this.clock.instant();
		if (!this.memberships.add(account, id, MemberRole.ADMIN, now)) {
			this.memberships.setRole(account, id, MemberRole.ADMIN);
		}
		this.memberships.approvePending(id, account, caller.id(), now);
		this.audit.record(caller.id().value(), "ADMIN_GRANTED", "ORGANIZATION", id.toString(),
				Map.of("accountId", account.toString()));
	}

	/** The admin stays a member. */
	@Transactional
	void revokeAdmin(AuthenticatedAccount caller, OrganizationId id, AccountId account) {
		existing(id);
		this.policy.requireAdmin(caller, id);
		if (!this.memberships.role(account, id).filter(MemberRole.ADMIN::equals).isPresent()) {
			throw new DomainException(ErrorCode.NOT_FOUND);
		}
		this.memberships.setRole(account, id, MemberRole.MEMBER);
		this.audit.record(caller.id().value(), "ADMIN_REVOKED", "ORGANIZATION", id.toString(),
				Map.of("accountId", account.toString()));
	}

	List<Memberships.Member> members(AuthenticatedAccount caller, OrganizationId id) {
		existing(id);
		this.policy.requireAdmin(caller, id);
		return this.memberships.members(id);
	}

	List<Memberships.MyOrganization> organizationsOf(AuthenticatedAccount caller) {
		return this.memberships.organizationsOf(caller.id());
	}

	private Memberships.Request pending(AuthenticatedAccount caller, UUID requestId) {
		Memberships.Request request = this.memberships.findRequest(requestId)
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		this.policy.requireAdmin(caller, request.organizationId());
		Memberships.Request locked = this.memberships.lockRequest(requestId).orElseThrow();
		if (locked.status() != ReviewStatus.PENDING) {
			throw new DomainException(ErrorCode.ALREADY_DECIDED);
		}
		return locked;
	}

	private Organization existing(OrganizationId id) {
		return this.organizations.find(id).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
	}

}
