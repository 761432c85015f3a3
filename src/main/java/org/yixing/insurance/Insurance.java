package org.yixing.insurance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.attendance.InsuranceCoverage;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Products and policies. A claim inserts with {@code ON CONFLICT DO NOTHING} on (product,
 * volunteer): however many clicks arrive at once, one policy exists and every click gets
 * it.
 */
@Service
class Insurance implements InsuranceCoverage {

	private final JdbcClient jdbc;

	private final OrganizationDirectory organizations;

	private final AuditLog audit;

	private final Clock clock;

	Insurance(JdbcClient jdbc, OrganizationDirectory organizations, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.audit = audit;
		this.clock = clock;
	}

	/** The insurer's and the plan's names: 1–100 characters. */
	static final int MAX_NAME = 100;

	/** What the plan covers, as the volunteer reads it before claiming: optional. */
	static final int MAX_SUMMARY = 2000;

	/**
	 * A product as it will be kept, its texts stripped and within their limits, whichever
	 * way it came (API or console); too long or blank is a refusal naming the field.
	 */
	static Product draft(@Nullable String insurer, @Nullable String planName, @Nullable String coverageSummary,
			LocalDate coverageStart, LocalDate coverageEnd, List<UUID> eligibleOrganizationIds) {
		String summary = (coverageSummary != null) ? coverageSummary.strip() : "";
		if (summary.length() > MAX_SUMMARY) {
			throw DomainException.invalidField("coverageSummary", "insurance.coverageSummary.tooLong");
		}
		return new Product(UUID.randomUUID(), name("insurer", insurer), name("planName", planName), summary,
				coverageStart, coverageEnd, List.copyOf(eligibleOrganizationIds));
	}

	private static String name(String field, @Nullable String value) {
		String stripped = (value != null) ? value.strip() : "";
		if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
			throw DomainException.invalidField(field, "insurance." + field + ".invalid");
		}
		return stripped;
	}

	@Transactional
	Product publish(AuthenticatedAccount caller, Product draft) {
		caller.requireStaff();
		if (draft.coverageEnd().isBefore(draft.coverageStart())) {
			throw DomainException.invalidField("coverageEnd", "insurance.period.invalid");
		}
		for (UUID organization : draft.eligibleOrganizationIds()) {
			this.organizations.find(new OrganizationId(organization))
				.orElseThrow(() -> DomainException.invalidField("eligibleOrganizationIds",
						"insurance.organization.unknown"));
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO insurance_products (id, insurer, plan_name, coverage_summary, coverage_start, coverage_end,
				  eligible_organization_ids, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, draft.insurer(), draft.planName(), draft.coverageSummary(), draft.coverageStart(),
					draft.coverageEnd(), draft.eligibleOrganizationIds().toArray(UUID[]::new), caller.id().value(),
					Timestamp.from(this.clock.instant()))
			.update();
		this.audit.record(caller.id().value(), "INSURANCE_PRODUCT_PUBLISHED", "INSURANCE_PRODUCT", id.toString(),
				Map.of("insurer", draft.insurer(), "planName", draft.planName()));
		return product(id).orElseThrow();
	}

	/**
	 * Ends a product (staff): no claims from tomorrow on; policies already held keep
	 * their coverage.
	 */
	@Transactional
	void end(AuthenticatedAccount caller, UUID productId) {
		caller.requireStaff();
		LocalDate today = ApplicationClock.today(this.clock);
		int ended = this.jdbc.sql("""
				UPDATE insurance_products SET coverage_end = GREATEST(coverage_start, ?)
				WHERE id = ? AND coverage_end > ?""").params(today, productId, today).update();
		product(productId).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (ended == 1) {
			this.audit.record(caller.id().value(), "INSURANCE_PRODUCT_ENDED", "INSURANCE_PRODUCT", productId.toString(),
					Map.of("coverageEnd", today.toString()));
		}
	}

	/** Policies claimed of each product (staff). */
	Map<UUID, Integer> claims(AuthenticatedAccount caller) {
		caller.requireStaff();
		Map<UUID, Integer> claims = new java.util.HashMap<>();
		this.jdbc.sql("SELECT product_id, count(*) FROM insurance_policies GROUP BY product_id").query((rs) -> {
			claims.put(rs.getObject(1, UUID.class), rs.getInt(2));
		});
		return claims;
	}

	/** Products the caller may claim now; staff see every product. */
	List<Product> available(AuthenticatedAccount caller) {
		LocalDate today = ApplicationClock.today(this.clock);
		return this.jdbc.sql("SELECT * FROM insurance_products ORDER BY coverage_start DESC, created_at DESC LIMIT 200")
			.query(Insurance::mapProduct)
			.list()
			.stream()
			.filter((p) -> caller.staff() || (!p.coverageEnd().isBefore(today) && eligible(caller, p)))
			.toList();
	}

	/** A new policy (created = true), or the one the volunteer already holds. */
	@Transactional
	Claim claim(AuthenticatedAccount caller, UUID productId) {
		Product product = product(productId).orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		Optional<Policy> existing = policy(productId, caller.id().value());
		if (existing.isPresent()) {
			return new Claim(existing.get(), false);
		}
		LocalDate today = ApplicationClock.today(this.clock);
		if (product.coverageEnd().isBefore(today)) {
			throw new DomainException(ErrorCode.INSURANCE_PRODUCT_ENDED);
		}
		if (!eligible(caller, product)) {
			throw new DomainException(ErrorCode.NOT_ORGANIZATION_MEMBER);
		}
		long number = this.jdbc.sql("SELECT nextval('insurance_policy_number_seq')").query(Long.class).single();
		Instant now = this.clock.instant();
		boolean created = this.jdbc.sql("""
				INSERT INTO insurance_policies (id, product_id, account_id, policy_number, coverage_start, coverage_end,
				  claimed_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (product_id, account_id) DO NOTHING""")
			.params(UUID.randomUUID(), productId, caller.id().value(), "YX-%d-%06d".formatted(today.getYear(), number),
					product.coverageStart(), product.coverageEnd(), Timestamp.from(now))
			.update() == 1;
		return new Claim(policy(productId, caller.id().value()).orElseThrow(), created);
	}

	List<Policy> policiesOf(AuthenticatedAccount caller) {
		return this.jdbc.sql("""
				SELECT p.*, ip.insurer, ip.plan_name, ip.coverage_summary FROM insurance_policies p
				JOIN insurance_products ip ON ip.id = p.product_id WHERE p.account_id = ? ORDER BY p.claimed_at DESC""")
			.param(caller.id().value())
			.query(Insurance::mapPolicy)
			.list();
	}

	/** RULES §6 check 8: a policy whose coverage includes {@code date}. */
	@Override
	public boolean covers(UUID accountId, LocalDate date) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM insurance_policies
				  WHERE account_id = ? AND coverage_start <= ? AND coverage_end >= ?)""")
			.params(accountId, date, date)
			.query(Boolean.class)
			.single();
	}

	@Override
	public Set<LocalDate> coveredOf(UUID accountId, Collection<LocalDate> dates) {
		if (dates.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("""
				SELECT d FROM unnest(CAST(? AS date[])) AS d
				WHERE EXISTS (SELECT 1 FROM insurance_policies
				  WHERE account_id = ? AND coverage_start <= d AND coverage_end >= d)""")
			.params(dates.stream().map(LocalDate::toString).toArray(String[]::new), accountId)
			.query((rs, row) -> rs.getObject(1, LocalDate.class))
			.list());
	}

	@Override
	public Set<UUID> coveredAmong(Collection<UUID> accounts, LocalDate date) {
		if (accounts.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("""
				SELECT DISTINCT account_id FROM insurance_policies
				WHERE account_id = ANY(?) AND coverage_start <= ? AND coverage_end >= ?""")
			.params(accounts.toArray(UUID[]::new), date, date)
			.query(UUID.class)
			.list());
	}

	private boolean eligible(AuthenticatedAccount caller, Product product) {
		return product.eligibleOrganizationIds().isEmpty() || product.eligibleOrganizationIds()
			.stream()
			.anyMatch((o) -> this.organizations.isMemberOfOrBelow(caller.id(), new OrganizationId(o)));
	}

	private Optional<Product> product(UUID id) {
		return this.jdbc.sql("SELECT * FROM insurance_products WHERE id = ?")
			.param(id)
			.query(Insurance::mapProduct)
			.optional();
	}

	private Optional<Policy> policy(UUID productId, UUID account) {
		return this.jdbc.sql("""
				SELECT p.*, ip.insurer, ip.plan_name, ip.coverage_summary FROM insurance_policies p
				JOIN insurance_products ip ON ip.id = p.product_id WHERE p.product_id = ? AND p.account_id = ?""")
			.params(productId, account)
			.query(Insurance::mapPolicy)
			.optional();
	}

	private static Product mapProduct(ResultSet rs, int row) throws SQLException {
		UUID[] eligible = (UUID[]) rs.getArray("eligible_organization_ids").getArray();
		return new Product(rs.getObject("id", UUID.class), rs.getString("insurer"), rs.getString("plan_name"),
				rs.getString("coverage_summary"), rs.getObject("coverage_start", LocalDate.class),
				rs.getObject("coverage_end", LocalDate.class), List.of(eligible));
	}

	private static Policy mapPolicy(ResultSet rs, int row) throws SQLException {
		return new Policy(rs.getObject("id", UUID.class), rs.getObject("product_id", UUID.class),
				rs.getString("policy_number"), rs.getString("insurer"), rs.getString("plan_name"),
				rs.getString("coverage_summary"), rs.getObject("coverage_start", LocalDate.class),
				rs.getObject("coverage_end", LocalDate.class), rs.getTimestamp("claimed_at").toInstant());
	}

	record Product(UUID id, String insurer, String planName, String coverageSummary, LocalDate coverageStart,
			LocalDate coverageEnd, List<UUID> eligibleOrganizationIds) {
	}

	record Policy(UUID id, UUID productId, String policyNumber, String insurer, String planName, String coverageSummary,
			LocalDate coverageStart, LocalDate coverageEnd, Instant claimedAt) {
	}

	record Claim(Policy policy, boolean created) {
	}

}
