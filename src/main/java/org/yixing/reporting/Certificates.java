package org.yixing.reporting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.hours.HoursDirectory;
import org.yixing.hours.HoursDirectory.ServiceRecord;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * Service-record certificates (RULES §10): issued to the volunteer from their ledger,
 * either for everything (issued by the platform) or for what one organization and those
 * below it recorded (issued by that organization); verified by anyone with the code.
 * Asking again while the ledger is unchanged returns the same certificate.
 */
@Service
class Certificates {

	/** The issuer of a certificate over every record. */
	static final String PLATFORM = "益行志愿服务平台";

	private final JdbcClient jdbc;

	private final CertificateKeys keys;

	private final HoursDirectory hours;

	private final AccountDirectory accounts;

	private final OrganizationDirectory organizations;

	private final Clock clock;

	Certificates(JdbcClient jdbc, CertificateKeys keys, HoursDirectory hours, AccountDirectory accounts,
			OrganizationDirectory organizations, Clock clock) {
		this.jdbc = jdbc;
		this.keys = keys;
		this.hours = hours;
		this.accounts = accounts;
		this.organizations = organizations;
		this.clock = clock;
	}

	/**
	 * The caller's certificate, over the records of {@code organization} and below it
	 * when given: the latest one when nothing was recorded since, else a new one.
	 */
	@Transactional
	Issued issue(AuthenticatedAccount caller, @Nullable OrganizationId organization) {
		AccountDirectory.AccountSummary holder = this.accounts.find(caller.id())
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		String issuer = PLATFORM;
		String contact = "";
		List<UUID> scope = null;
		if (organization != null) {
			OrganizationDirectory.OrganizationSummary org = this.organizations.find(organization)
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
			issuer = org.name();
			contact = org.contact();
			scope = this.organizations.subtreeIds(organization);
		}
		UUID account = caller.id().value();
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))")
			.params(LOCK_SPACE, account.toString())
			.query()
			.singleRow();
		List<ServiceRecord> records = this.hours.recordsOf(account, scope);
		if (organization != null && records.isEmpty()) {
			// no organization certifies service it has no record of (the platform's
			// certificate may truthfully say there is none)
			throw DomainException.invalidField("organizationId", "reporting.certificate.no-records");
		}
		long credit = records.stream().filter(ServiceRecord::credit).mapToLong(ServiceRecord::minutes).sum();
		long honor = records.stream().filter((r) -> !r.credit()).mapToLong(ServiceRecord::minutes).sum();
		Optional<Row> latest = this.jdbc.sql("""
				SELECT id, number, issued_at, entry_count FROM certificates
				WHERE account_id = ? AND organization_id IS NOT DISTINCT FROM ?
				ORDER BY issued_at DESC LIMIT 1""")
			.params(account, (organization != null) ? organization.value() : null)
			.query((rs, n) -> new Row(rs.getBytes("id"), rs.getString("number"),
					rs.getTimestamp("issued_at").toInstant(), rs.getInt("entry_count")))
			.optional();
		String name = holder.realName();
		if (latest.isPresent() && latest.get().entryCount() == records.size()) {
			Row row = latest.get();
			return new Issued(this.keys.codeOf(row.id()), row.number(), name, holder.idNumberMasked(), issuer, contact,
					credit, honor, row.issuedAt(), records);
		}
		CertificateKeys.Code code = this.keys.newCode();
		Instant now = this.clock.instant();
		String number = "YX" + DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atZone(ApplicationClock.ZONE)) + "-"
				+ HexFormat.of().withUpperCase().formatHex(code.id(), 0, 5);
		this.jdbc.sql("""
				INSERT INTO certificates (id, number, account_id, organization_id, issuer_name, holder_name_masked,
				  credit_minutes, honor_minutes, entry_count, issued_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(code.id(), number, account, (organization != null) ? organization.value() : null, issuer,
					maskName(name), credit, honor, records.size(), Timestamp.from(now))
			.update();
		return new Issued(code.text(), number, name, holder.idNumberMasked(), issuer, contact, credit, honor, now,
				records);
	}

	private static final int LOCK_SPACE = 0x63657274;

	/**
	 * What anyone holding the code may learn: whether it is genuine, the masked holder,
	 * the totals and issue date, and whether records were added since.
	 */
	@Transactional(readOnly = true)
	Verification verify(String code) {
		Optional<byte[]> id = this.keys.idOf(code);
		if (id.isEmpty()) {
			return Verification.INVALID;
		}
		return this.jdbc.sql("""
				SELECT number, account_id, organization_id, issuer_name, holder_name_masked, credit_minutes,
				  honor_minutes, entry_count, issued_at FROM certificates WHERE id = ?""")
			.param(id.get())
			.query((rs, n) -> {
				UUID account = rs.getObject("account_id", UUID.class);
				UUID organization = rs.getObject("organization_id", UUID.class);
				Instant issuedAt = rs.getTimestamp("issued_at").toInstant();
				List<UUID> scope = (organization != null)
						? this.organizations.subtreeIds(new OrganizationId(organization)) : null;
				boolean superseded = this.hours.entryCount(account, scope) > rs.getInt("entry_count");
				Instant changed = superseded ? this.hours.firstChangeAfter(account, scope, issuedAt) : null;
				return new Verification(true, rs.getString("number"), rs.getString("holder_name_masked"),
						rs.getString("issuer_name"), rs.getLong("credit_minutes"), rs.getLong("honor_minutes"),
						ApplicationClock.local(issuedAt), superseded,
						superseded ? ApplicationClock.local((changed != null) ? changed : issuedAt) : null);
			})
			.optional()
			.orElse(Verification.INVALID);
	}

	/** 张三 → 张*, 欧阳娜娜 → 欧***: the surname's first character and a star for each other. */
	static String maskName(String name) {
		int[] points = name.strip().codePoints().toArray();
		if (points.length == 0) {
			return "";
		}
		StringBuilder masked = new StringBuilder().appendCodePoint(points[0]);
		masked.append("*".repeat(Math.max(1, points.length - 1)));
		return masked.toString();
	}

	private record Row(byte[] id, String number, Instant issuedAt, int entryCount) {
	}

	/** A certificate ready to print. */
	record Issued(String code, String number, String holderName, String idNumberMasked, String issuerName,
			String issuerContact, long creditMinutes, long honorMinutes, Instant issuedAt,
			List<ServiceRecord> records) {
	}

	/**
	 * The public answer of {@code GET /certificates/{code}} (docs/API.md); for an invalid
	 * code only {@code valid: false}.
	 *
	 * @param superseded records were added to the holder's ledger (in the certificate's
	 * scope) after it was issued
	 * @param supersededAt when the first of them was recorded
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Verification(boolean valid, @Nullable String number, @Nullable String holderName,
			@Nullable String issuerName, @Nullable Long creditMinutes, @Nullable Long honorMinutes,
			@Nullable OffsetDateTime issuedAt, @Nullable Boolean superseded, @Nullable OffsetDateTime supersededAt) {

		static final Verification INVALID = new Verification(false, null, null, null, null, null, null, null, null);

	}

}
