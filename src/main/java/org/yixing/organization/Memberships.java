package org.yixing.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yixing.identity.AccountId;
import org.yixing.shared.ReviewStatus;

/** Memberships, admin roles and membership requests. */
@Repository
class Memberships {

	private final JdbcClient jdbc;

	Memberships(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * RULES §4–5: is the account a member of {@code organization} or of any organization
	 * below it? One query over two primary keys, for the check-in path.
	 */
	boolean isMemberOfOrBelow(AccountId account, OrganizationId organization) {
		// the rule is the database function of V23, which check-in also calls
		return this.jdbc.sql("SELECT is_member_of_or_below(?, ?)")
			.params(account.value(), organization.value())
			.query(Boolean.class)
			.single();
	}

	/**
	 * The organizations whose members-only activities admit the account: those it belongs
	 * to and every organization above them (RULES §5).
	 */
	List<OrganizationId> ownAndAbove(AccountId account) {
		return this.jdbc.sql("""
				SELECT DISTINCT t.ancestor_id FROM memberships m
				  JOIN organization_tree t ON t.descendant_id = m.organization_id
				  WHERE m.account_id = ?""")
			.param(account.value())
			.query((rs, n) -> new OrganizationId(rs.getObject(1, UUID.class)))
			.list();
	}

	/**
	 * Is the account an admin of {@code organization} or of any organization above it?
	 */
	boolean isAdminOfOrAbove(AccountId account, OrganizationId organization) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM memberships m
				  JOIN organization_tree t ON t.ancestor_id = m.organization_id AND t.descendant_id = ?
				  WHERE m.account_id = ? AND m.role = 'ADMIN')""")
			.params(organization.value(), account.value())
			.query(Boolean.class)
			.single();
	}

	List<AccountId> nearestAdmins(OrganizationId organization) {
		return this.jdbc.sql("""
				WITH nearest AS (
				  SELECT t.depth FROM organization_tree t
				  WHERE t.descendant_id = ? AND EXISTS (
				    SELECT 1 FROM memberships m WHERE m.organization_id = t.ancestor_id AND m.role = 'ADMIN')
				  ORDER BY t.depth LIMIT 1)
				SELECT m.account_id FROM organization_tree t
				JOIN nearest n ON n.depth = t.depth
				JOIN memberships m ON m.organization_id = t.ancestor_id AND m.role = 'ADMIN'
				WHERE t.descendant_id = ? ORDER BY m.joined_at""")
			.params(organization.value(), organization.value())
			.query((rs, n) -> new AccountId(rs.getObject("account_id", UUID.class)))
			.list();
	}

	Optional<MemberRole> role(AccountId account, OrganizationId organization) {
		return this.jdbc.sql("SELECT role FROM memberships WHERE account_id = ? AND organization_id = ?")
			.params(account.value(), organization.value())
			.query(String.class)
			.optional()
			.map(MemberRole::valueOf);
	}

	/** Adds the membership unless it exists; true when it was added. */
	boolean add(AccountId account, OrganizationId organization, MemberRole role, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO memberships (organization_id, account_id, role, joined_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (account_id, organization_id) DO NOTHING""")
			.params(organization.value(), account.value(), role.name(), Timestamp.from(now))
			.update() == 1;
	}

	boolean setRole(AccountId account, OrganizationId organization, MemberRole role) {
		return this.jdbc.sql("UPDATE memberships SET role = ? WHERE account_id = ? AND organization_id = ?")
			.params(role.name(), account.value(), organization.value())
			.update() == 1;
	}

	boolean remove(AccountId account, OrganizationId organization) {
		return this.jdbc.sql("DELETE FROM memberships WHERE account_id = ? AND organization_id = ?")
			.params(account.value(), organization.value())
			.update() == 1;
	}

	List<Member> members(OrganizationId organization) {
		return this.jdbc.sql("""
				SELECT m.account_id, m.role, m.joined_at FROM memberships m
				WHERE m.organization_id = ? ORDER BY m.role, m.joined_at""")
			.param(organization.value())
			.query((rs, n) -> new Member(new AccountId(rs.getObject("account_id", UUID.class)),
					MemberRole.valueOf(rs.getString("role")), rs.getTimestamp("joined_at").toInstant()))
			.list();
	}

	List<AccountId> ofSubtree(List<UUID> organizations, int limit) {
		return this.jdbc.sql("SELECT DISTINCT account_id FROM memberships WHERE organization_id = ANY (?) LIMIT ?")
			.params(organizations.toArray(UUID[]::new), limit)
			.query((rs, n) -> new AccountId(rs.getObject("account_id", UUID.class)))
			.list();
	}

	List<MyOrganization> organizationsOf(AccountId account) {
		return this.jdbc.sql("""
				SELECT o.id, o.parent_id, o.name, o.region_code, o.visibility, o.description, o.contact, o.created_at,
				  o.archived_at, m.role, m.joined_at
				FROM memberships m JOIN organizations o ON o.id = m.organization_id
				WHERE m.account_id = ? ORDER BY m.joined_at""")
			.param(account.value())
			.query((rs, n) -> new MyOrganization(Organizations.map(rs, n), MemberRole.valueOf(rs.getString("role")),
					rs.getTimestamp("joined_at").toInstant()))
			.list();
	}

	/** See {@link OrganizationDirectory#membershipsWithin}. */
	Map<UUID, List<String>> namesWithin(OrganizationId root, Collection<UUID> accounts) {
		Map<UUID, List<String>> names = new HashMap<>();
		if (accounts.isEmpty()) {
			return names;
		}
		this.jdbc.sql("""
				SELECT m.account_id, o.name FROM memberships m
				  JOIN organization_tree t ON t.descendant_id = m.organization_id AND t.ancestor_id = ?
				  JOIN organizations o ON o.id = m.organization_id
				WHERE m.account_id = ANY (?) ORDER BY m.account_id, t.depth DESC, o.name""")
			.params(root.value(), accounts.stream().distinct().toArray(UUID[]::new))
			.query((rs, n) -> names.computeIfAbsent(rs.getObject("account_id", UUID.class), (k) -> new ArrayList<>())
				.add(rs.getString("name")))
			.list();
		return names;
	}

	void insertRequest(UUID id, OrganizationId organization, AccountId account, String message, Instant now) {
		this.jdbc.sql("""
				INSERT INTO membership_requests (id, organization_id, account_id, message, status, created_at)
				VALUES (?, ?, ?, ?, 'PENDING', ?)""")
			.params(id, organization.value(), account.value(), message, Timestamp.from(now))
			.update();
	}

	Optional<Request> findRequest(UUID id) {
		return this.jdbc.sql("SELECT * FROM membership_requests WHERE id = ?")
			.param(id)
			.query(Memberships::mapRequest)
			.optional();
	}

	Optional<Request> lockRequest(UUID id) {
		return this.jdbc.sql("SELECT * FROM membership_requests WHERE id = ? FOR UPDATE")
			.param(id)
			.query(Memberships::mapRequest)
			.optional();
	}

	List<Request> requests(OrganizationId organization, @Nullable ReviewStatus status) {
		String named = (status != null) ? status.name() : null;
		return this.jdbc.sql("""
				SELECT * FROM membership_requests WHERE organization_id = ?
				AND (CAST(? AS text) IS NULL OR status = ?) ORDER BY created_at LIMIT 1000""")
			.params(organization.value(), named, named)
			.query(Memberships::mapRequest)
			.list();
	}

	/**
	 * Pending requests in the organization and every organization below it, per
	 * organization that has any: most first.
	 */
	List<PendingBelow> pendingBelow(OrganizationId root) {
		return this.jdbc.sql("""
				SELECT o.id, o.name, t.depth, count(*) AS pending
				FROM organization_tree t
				JOIN membership_requests r ON r.organization_id = t.descendant_id AND r.status = 'PENDING'
				JOIN organizations o ON o.id = t.descendant_id
				WHERE t.ancestor_id = ?
				GROUP BY o.id, o.name, t.depth ORDER BY pending DESC, t.depth, o.name LIMIT 100""")
			.param(root.value())
			.query((rs, n) -> new PendingBelow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getInt("depth"),
					rs.getInt("pending")))
			.list();
	}

	/**
	 * @param depth 0 for the organization itself, 1 for a child, …
	 */
	record PendingBelow(UUID organizationId, String name, int depth, int pending) {
	}

	List<Request> requestsOf(AccountId account) {
		return this.jdbc
			.sql("SELECT * FROM membership_requests WHERE account_id = ? ORDER BY created_at DESC LIMIT 200")
			.param(account.value())
			.query(Memberships::mapRequest)
			.list();
	}

	void decide(UUID id, ReviewStatus status, @Nullable String reason, AccountId decidedBy, Instant now) {
		this.jdbc.sql("""
				UPDATE membership_requests SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?""")
			.params(status.name(), reason, decidedBy.value(), Timestamp.from(now), id)
			.update();
	}

	/** A direct addition settles any pending request of the same person. */
	void approvePending(OrganizationId organization, AccountId account, AccountId decidedBy, Instant now) {
		this.jdbc.sql("""
				UPDATE membership_requests SET status = 'APPROVED', decided_by = ?, decided_at = ?
				WHERE organization_id = ? AND account_id = ? AND status = 'PENDING'""")
			.params(decidedBy.value(), Timestamp.from(now), organization.value(), account.value())
			.update();
	}

	/**
	 * Records a membership approved by campus sign-on (RULES §14): a pending request of
	 * the same person is approved that way, or an approved one is written.
	 */
	void approveBySignOn(OrganizationId organization, AccountId account, Instant now) {
		int pending = this.jdbc.sql("""
				UPDATE membership_requests SET status = 'APPROVED', decided_at = ?, decided_via = 'CAMPUS_SIGN_ON'
				WHERE organization_id = ? AND account_id = ? AND status = 'PENDING'""")
			.params(Timestamp.from(now), organization.value(), account.value())
			.update();
		if (pending == 0) {
			this.jdbc.sql("""
					INSERT INTO membership_requests (id, organization_id, account_id, message, status, created_at,
					  decided_at, decided_via)
					VALUES (?, ?, ?, '', 'APPROVED', ?, ?, 'CAMPUS_SIGN_ON')""")
				.params(UUID.randomUUID(), organization.value(), account.value(), Timestamp.from(now),
						Timestamp.from(now))
				.update();
		}
	}

	private static Request mapRequest(ResultSet rs, int row) throws SQLException {
		Timestamp decidedAt = rs.getTimestamp("decided_at");
		UUID decidedBy = rs.getObject("decided_by", UUID.class);
		return new Request(rs.getObject("id", UUID.class),
				new OrganizationId(rs.getObject("organization_id", UUID.class)),
				new AccountId(rs.getObject("account_id", UUID.class)), rs.getString("message"),
				ReviewStatus.valueOf(rs.getString("status")), rs.getString("reason"),
				rs.getTimestamp("created_at").toInstant(), (decidedAt != null) ? decidedAt.toInstant() : null,
				(decidedBy != null) ? new AccountId(decidedBy) : null);
	}

	record Member(AccountId accountId, MemberRole role, Instant joinedAt) {
	}

	record MyOrganization(Organization organization, MemberRole role, Instant joinedAt) {
	}

	record Request(UUID id, OrganizationId organizationId, AccountId accountId, String message, ReviewStatus status,
			@Nullable String reason, Instant createdAt, @Nullable Instant decidedAt, @Nullable AccountId decidedBy) {
	}

}
