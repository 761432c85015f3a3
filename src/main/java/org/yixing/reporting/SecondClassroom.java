package org.yixing.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.audit.AuditLog;
import org.yixing.hours.HoursDirectory;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.Spreadsheets;

/**
 * 第二课堂 credit (RULES §10): each organization may set how its volunteers' minutes become
 * credits — minutes per credit, whether honor minutes count besides credit minutes, and a
 * cap — and the rule of the nearest organization above applies where one sets none.
 * Credits are rounded down to a tenth.
 */
@Service
class SecondClassroom {

	/** Where no organization on the path set a rule: 10 hours of credit time a credit. */
	static final Rule DEFAULT = new Rule(600, false, null, null, null);

	private final JdbcClient jdbc;

	private final OrganizationDirectory organizations;

	private final HoursDirectory hours;

	private final AccountDirectory accounts;

	private final Ranges ranges;

	private final AuditLog audit;

	private final Clock clock;

	SecondClassroom(JdbcClient jdbc, OrganizationDirectory organizations, HoursDirectory hours,
			AccountDirectory accounts, Ranges ranges, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.hours = hours;
		this.accounts = accounts;
		this.ranges = ranges;
		this.audit = audit;
		this.clock = clock;
	}

	/** The rule in force for the organization, and which organization set it. */
	Rule rule(AuthenticatedAccount caller, OrganizationId organization) {
		this.organizations.administeredBy(caller, organization);
		return ruleOf(organization);
	}

	Rule ruleOf(OrganizationId organization) {
		List<OrganizationId> path = this.organizations.pathTo(organization);
		UUID[] ids = path.stream().map(OrganizationId::value).toArray(UUID[]::new);
		Map<UUID, Rule> rules = new java.util.HashMap<>();
		this.jdbc.sql("""
				SELECT r.organization_id, r.minutes_per_credit, r.include_honor, r.max_credits, o.name
				FROM second_classroom_rules r JOIN organizations o ON o.id = r.organization_id
				WHERE r.organization_id = ANY (?)""")
			.param(ids)
			.query((rs, n) -> rules.put(rs.getObject("organization_id", UUID.class),
					new Rule(rs.getInt("minutes_per_credit"), rs.getBoolean("include_honor"),
							rs.getBigDecimal("max_credits"), rs.getObject("organization_id", UUID.class).toString(),
							rs.getString("name"))))
			.list();
		for (int i = path.size() - 1; i >= 0; i--) {
			Rule rule = rules.get(path.get(i).value());
			if (rule != null) {
				return rule;
			}
		}
		return DEFAULT;
	}

	@Transactional
	Rule set(AuthenticatedAccount caller, OrganizationId organization, RuleRequest request) {
		this.organizations.administeredBy(caller, organization);
		int minutes = (request.minutesPerCredit() != null) ? request.minutesPerCredit() : 0;
		if (minutes < 1 || minutes > 100_000) {
			throw DomainException.invalidField("minutesPerCredit", "reporting.rule.minutes");
		}
		BigDecimal max = request.maxCredits();
		if (max != null && (max.signum() <= 0 || max.compareTo(new BigDecimal("99999.9")) > 0)) {
			throw DomainException.invalidField("maxCredits", "reporting.rule.max");
		}
		BigDecimal cap = (max != null) ? max.setScale(1, RoundingMode.DOWN) : null;
		boolean honor = Boolean.TRUE.equals(request.includeHonor());
		this.jdbc.sql("""
				INSERT INTO second_classroom_rules (organization_id, minutes_per_credit, include_honor, max_credits,
				  updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (organization_id) DO UPDATE SET minutes_per_credit = EXCLUDED.minutes_per_credit,
				  include_honor = EXCLUDED.include_honor, max_credits = EXCLUDED.max_credits,
				  updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""")
			.params(organization.value(), minutes, honor, cap, caller.id().value(),
					Timestamp.from(this.clock.instant()))
			.update();
		this.audit.record(caller.id().value(), "SECOND_CLASSROOM_RULE_SET", "ORGANIZATION",
				organization.value().toString(), Map.of("minutesPerCredit", minutes, "includeHonor", honor,
						"maxCredits", (cap != null) ? cap.toPlainString() : "none"));
		return ruleOf(organization);
	}

	/**
	 * Every volunteer with minutes recorded at or below the organization in the range.
	 */
	@Transactional(readOnly = true)
	Report credits(AuthenticatedAccount caller, OrganizationId organization, @Nullable LocalDate from,
			@Nullable LocalDate to) {
		OrganizationDirectory.OrganizationSummary org = this.organizations.administeredBy(caller, organization);
		Ranges.Range range = this.ranges.of(from, to);
		Rule rule = ruleOf(organization);
		List<HoursDirectory.Standing> totals = this.hours.totals(this.organizations.subtreeIds(organization),
				range.from(), range.to());
		List<UUID> ids = totals.stream().map(HoursDirectory.Standing::accountId).toList();
		Map<UUID, AccountDirectory.AccountSummary> people = this.accounts.findAllByUuid(ids);
		Map<UUID, List<String>> colleges = this.organizations.membershipsWithin(organization, ids);
		Map<UUID, String> numbers = this.organizations.studentNumbers(organization, ids);
		List<Credit> credits = totals.stream().map((t) -> {
			AccountDirectory.AccountSummary person = people.get(t.accountId());
			List<String> memberOf = colleges.getOrDefault(t.accountId(), List.of());
			long counted = rule.counted(t.creditMinutes(), t.honorMinutes());
			return new Credit(t.accountId().toString(), (person != null) ? person.realName() : "",
					(person != null) ? person.idNumberMasked() : "",
					memberOf.isEmpty() ? org.name() : String.join("、", memberOf), t.creditMinutes(), t.honorMinutes(),
					counted, rule.credits(counted), numbers.get(t.accountId()));
		}).toList();
		return new Report(org.name(), range.from(), range.to(), rule, credits);
	}

	byte[] spreadsheet(Report report) {
		return Spreadsheets.xlsx((workbook) -> {
			Sheet sheet = Spreadsheets.sheet(workbook, "第二课堂学分",
					List.of("姓名", "身份证号", "学院（组织）", "信用时数（小时）", "荣誉时数（小时）", "计入时数（小时）", "学分", "学号"));
			int r = 1;
			BigDecimal total = BigDecimal.ZERO;
			for (Credit credit : report.volunteers()) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(credit.realName());
				row.createCell(1).setCellValue(credit.idNumberMasked());
				row.createCell(2).setCellValue(credit.college());
				row.createCell(3).setCellValue(Hours.of(credit.creditMinutes()).doubleValue());
				row.createCell(4).setCellValue(Hours.of(credit.honorMinutes()).doubleValue());
				row.createCell(5).setCellValue(Hours.of(credit.countedMinutes()).doubleValue());
				row.createCell(6).setCellValue(credit.credits().doubleValue());
				row.createCell(7).setCellValue((credit.studentNumber() != null) ? credit.studentNumber() : "");
				total = total.add(credit.credits());
			}
			Sheet about = workbook.createSheet("说明");
			Rule rule = report.rule();
			String[][] facts = { { "组织", report.organizationName() }, { "时间范围", report.from() + " 至 " + report.to() },
					{ "计算规则",
							"每 " + rule.minutesPerCredit() + " 分钟计 1 学分，"
									+ (rule.includeHonor() ? "信用时数与荣誉时数" : "只计信用时数") + "，学分向下取到 0.1"
									+ ((rule.maxCredits() != null) ? "，每人最多 " + rule.maxCredits() + " 学分" : "") },
					{ "规则设定", (rule.definedByName() != null) ? rule.definedByName() : "平台默认" },
					{ "人数", String.valueOf(report.volunteers().size()) }, { "学分合计", total.toPlainString() } };
			for (int i = 0; i < facts.length; i++) {
				Row row = about.createRow(i);
				row.createCell(0).setCellValue(facts[i][0]);
				row.createCell(1).setCellValue(facts[i][1]);
			}
		});
	}

	/**
	 * @param maxCredits at most this many credits a volunteer, none when null
	 * @param definedBy the organization whose rule this is; null for the default
	 */
	record Rule(int minutesPerCredit, boolean includeHonor, @Nullable BigDecimal maxCredits, @Nullable String definedBy,
			@Nullable String definedByName) {

		long counted(long creditMinutes, long honorMinutes) {
			return Math.max(0, creditMinutes + (this.includeHonor ? honorMinutes : 0));
		}

		/** Rounded down to a tenth, then capped. */
		BigDecimal credits(long countedMinutes) {
			BigDecimal credits = BigDecimal.valueOf(Math.max(0, countedMinutes))
				.divide(BigDecimal.valueOf(this.minutesPerCredit), 1, RoundingMode.DOWN);
			return (this.maxCredits != null && credits.compareTo(this.maxCredits) > 0) ? this.maxCredits : credits;
		}

	}

	record RuleRequest(@Nullable Integer minutesPerCredit, @Nullable Boolean includeHonor,
			@Nullable BigDecimal maxCredits) {
	}

	/**
	 * One volunteer's line of the export.
	 *
	 * @param studentNumber the 学号 from the university's campus sign-on (RULES §14), which
	 * its credit system matches on; null when the volunteer has not linked one
	 */
	record Credit(String accountId, String realName, String idNumberMasked, String college, long creditMinutes,
			long honorMinutes, long countedMinutes, BigDecimal credits, @Nullable String studentNumber) {
	}

	record Report(String organizationName, LocalDate from, LocalDate to, Rule rule, List<Credit> volunteers) {
	}

}
