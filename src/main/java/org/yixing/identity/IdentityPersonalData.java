package org.yixing.identity;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.shared.PersonalData;

/**
 * The account itself and its ID-photo recovery requests. Erasure (PIPL Art. 47): the ID
 * number and phone go (their lookup hashes with them, so the person may register again),
 * the name becomes a pseudonym, the password, security question and every token stop
 * working, ID photos are deleted and campus identities unlinked. The row stays: the
 * ledger refers to it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE) // the account comes first in the export
class IdentityPersonalData implements PersonalData {

	static final String PSEUDONYM = "已注销用户";

	private final JdbcClient jdbc;

	private final IdentityCrypto crypto;

	private final SecureRandom random = new SecureRandom();

	IdentityPersonalData(JdbcClient jdbc, IdentityCrypto crypto) {
		this.jdbc = jdbc;
		this.crypto = crypto;
	}

	@Override
	public String section() {
		return "account";
	}

	@Override
	public Object export(UUID account) {
		Map<String, Object> out = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT real_name, id_number_sealed, phone_sealed, region_code, staff, origin, security_question,
				  created_at, updated_at
				FROM accounts WHERE id = ?""").param(account).query((rs, n) -> {
			byte[] idNumber = rs.getBytes("id_number_sealed");
			byte[] phone = rs.getBytes("phone_sealed");
			out.put("id", account.toString());
			out.put("realName", rs.getString("real_name"));
			out.put("idNumber", (idNumber != null) ? this.crypto.openIdNumber(idNumber) : null);
			out.put("phone", (phone != null) ? this.crypto.openPhone(phone).value() : null);
			out.put("regionCode", rs.getString("region_code"));
			out.put("staff", rs.getBoolean("staff"));
			out.put("origin", rs.getString("origin"));
			out.put("securityQuestion", rs.getString("security_question"));
			out.put("createdAt", PersonalData.time(rs.getTimestamp("created_at")));
			return null;
		}).list();
		out.put("idPhotoRecoveries",
				PersonalData.rows(this.jdbc.sql("""
						SELECT id, real_name, new_phone_masked, status, reason, created_at, decided_at,
						  photo_sealed IS NOT NULL AS photo_kept
						FROM id_photo_reviews WHERE account_id = ? ORDER BY created_at""")
					.param(account)
					.query()
					.listOfRows()));
		out.put("campusIdentities", PersonalData.rows(this.jdbc.sql("""
				SELECT organization_id, issuer, subject, number, linked_at FROM campus_identities
				WHERE account_id = ? ORDER BY linked_at""").param(account).query().listOfRows()));
		out.put("signIns", PersonalData.rows(this.jdbc.sql("""
				SELECT created_at, last_used_at, expires_at, revoked_at FROM access_tokens
				WHERE account_id = ? ORDER BY created_at""").param(account).query().listOfRows()));
		return out;
	}

	@Override
	public List<PersonalFile> files(UUID account) {
		List<PersonalFile> files = new ArrayList<>();
		this.jdbc.sql("""
				SELECT id, photo_sealed, photo_content_type FROM id_photo_reviews
				WHERE account_id = ? AND photo_sealed IS NOT NULL ORDER BY created_at""")
			.param(account)
			.query((rs,
					n) -> files.add(new PersonalFile(
							"id-photos/" + rs.getObject("id", UUID.class)
									+ extension(rs.getString("photo_content_type")),
							rs.getString("photo_content_type"), this.crypto.openPhoto(rs.getBytes("photo_sealed")))))
			.list();
		return files;
	}

	@Override
	public void erase(UUID account, Instant now) {
		byte[] unlinkable = new byte[32];
		this.random.nextBytes(unlinkable);
		String suffix = HexFormat.of().formatHex(unlinkable, 0, 3);
		this.jdbc.sql("""
				UPDATE accounts SET real_name = ?, id_number_hash = ?, id_number_sealed = NULL,
				  id_number_masked = '******************', phone_hash = NULL, phone_sealed = NULL, phone_masked = NULL,
				  password_hash = '', must_change_password = FALSE, security_question = NULL,
				  security_answer_hash = NULL, erased_at = ?, updated_at = ?
				WHERE id = ?""")
			.params(PSEUDONYM + "-" + suffix, unlinkable, Timestamp.from(now), Timestamp.from(now), account)
			.update();
		// RULES §14: erasure removes the campus links and their numbers.
		this.jdbc.sql("DELETE FROM campus_identities WHERE account_id = ?").param(account).update();
		this.jdbc.sql("UPDATE access_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL")
			.params(Timestamp.from(now), account)
			.update();
		this.jdbc.sql("""
				UPDATE id_photo_reviews SET photo_sealed = NULL, photo_erased_at = COALESCE(photo_erased_at, ?),
				  real_name = ?, new_phone_sealed = NULL, new_phone_masked = '***',
				  status = CASE WHEN status = 'PENDING' THEN 'REJECTED' ELSE status END,
				  decided_at = COALESCE(decided_at, ?)
				WHERE account_id = ?""").params(Timestamp.from(now), PSEUDONYM, Timestamp.from(now), account).update();
	}

	private static String extension(String contentType) {
		return switch (contentType) {
			case "image/png" -> ".png";
			case "image/jpeg" -> ".jpg";
			default -> "";
		};
	}

}
