package org.yixing.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.yixing.shared.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The accounts table, with only the operations identity needs. */
@Repository
class Accounts {

	private static final String COLUMNS = """
			id, real_name, id_number_sealed, id_number_masked, phone_sealed, phone_masked, region_code,
			password_hash, must_change_password, staff, failed_logins, locked_until, security_question,
			security_answer_hash""";

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Account account, byte[] idNumberHash, byte @Nullable [] phoneHash, String origin, Instant now,
			String piiKeyId) {
		this.jdbc.sql("""
				INSERT INTO accounts (id, real_name, id_number_hash, id_number_sealed, id_number_masked, phone_hash,
				  phone_sealed, phone_masked, region_code, password_hash, must_change_password, staff, origin,
				  created_at, updated_at, pii_key_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(account.id().value(), account.realName(), idNumberHash, account.idNumberSealed(),
					account.idNumberMasked(), phoneHash, account.phoneSealed(), account.phoneMasked(),
					account.regionCode(), account.passwordHash(), account.mustChangePassword(), account.staff(), origin,
					Timestamp.from(now), Timestamp.from(now), piiKeyId)
			.update();
	}

	Optional<Account> findById(AccountId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = ?")
			.param(id.value())
			.query(Accounts::map)
			.optional();
	}

	List<Account> findAllById(Collection<AccountId> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = ANY(?)")
			.param(ids.stream().map(AccountId::value).toArray(UUID[]::new))
			.query(Accounts::map)
			.list();
	}

	Optional<Account> lockById(AccountId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = ? FOR UPDATE")
			.param(id.value())
			.query(Accounts::map)
			.optional();
	}

	Optional<Account> findByIdNumberHash(Secrets.Lookup hash) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id_number_hash IN (?, ?)")
			.params(hash.current(), hash.previous())
			.query(Accounts::map)
			.optional();
	}

	Optional<Account> lockByIdNumberHash(Secrets.Lookup hash) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE id_number_hash IN (?, ?) FOR UPDATE")
			.params(hash.current(), hash.previous())
			.query(Accounts::map)
			.optional();
	}

	Optional<Account> findByPhoneHash(Secrets.Lookup hash) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE phone_hash IN (?, ?)")
			.params(hash.current(), hash.previous())
			.query(Accounts::map)
			.optional();
	}

	Optional<Account> lockByPhoneHash(Secrets.Lookup hash) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM accounts WHERE phone_hash IN (?, ?) FOR UPDATE")
			.params(hash.current(), hash.previous())
			.query(Accounts::map)
			.optional();
	}

	boolean existsByIdNumberHash(Secrets.Lookup hash) {
		return this.jdbc.sql("SELECT count(*) FROM accounts WHERE id_number_hash IN (?, ?)")
			.params(hash.current(), hash.previous())
			.query(Long.class)
			.single() > 0;
	}

	boolean phoneTakenByOther(Secrets.Lookup phoneHash, @Nullable AccountId self) {
		return this.jdbc.sql("SELECT count(*) FROM accounts WHERE phone_hash IN (?, ?) AND id IS DISTINCT FROM ?")
			.params(phoneHash.current(), phoneHash.previous(), (self != null) ? self.value() : null)
			.query(Long.class)
			.single() > 0;
	}

	void recordLockOut(AccountId id, Account.LockOut lockOut, Instant now) {
		this.jdbc.sql("UPDATE accounts SET failed_logins = ?, locked_until = ?, updated_at = ? WHERE id = ?")
			.params(lockOut.failedLogins(), timestamp(lockOut.lockedUntil()), Timestamp.from(now), id.value())
			.update();
	}

	void clearLockOut(AccountId id, Instant now) {
		this.jdbc
			.sql("UPDATE accounts SET failed_logins = 0, locked_until = NULL, updated_at = ? "
					+ "WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
			.params(Timestamp.from(now), id.value())
			.update();
	}

	void updatePassword(AccountId id, String passwordHash, boolean mustChange, Instant now) {
		this.jdbc.sql("""
				UPDATE accounts SET password_hash = ?, must_change_password = ?, failed_logins = 0,
				  locked_until = NULL, updated_at = ? WHERE id = ?""")
			.params(passwordHash, mustChange, Timestamp.from(now), id.value())
			.update();
	}

	void updatePhone(AccountId id, byte[] phoneHash, byte[] phoneSealed, String phoneMasked, Instant now) {
		this.jdbc
			.sql("UPDATE accounts SET phone_hash = ?, phone_sealed = ?, phone_masked = ?, updated_at = ? WHERE id = ?")
			.params(phoneHash, phoneSealed, phoneMasked, Timestamp.from(now), id.value())
			.update();
	}

	void updateSecurityQuestion(AccountId id, String question, String answerHash, Instant now) {
		this.jdbc
			.sql("UPDATE accounts SET security_question = ?, security_answer_hash = ?, updated_at = ? WHERE id = ?")
			.params(question, answerHash, Timestamp.from(now), id.value())
			.update();
	}

	void grantStaff(AccountId id, Instant now) {
		this.jdbc.sql("UPDATE accounts SET staff = TRUE, updated_at = ? WHERE id = ? AND NOT staff")
			.params(Timestamp.from(now), id.value())
			.update();
	}

	/**
	 * Staff's user search: a name containing {@code text}, or an ID number ending in it
	 * (the masked number keeps the last four), at most 50, erased accounts left out.
	 */
	List<Account> search(String text) {
		String like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM accounts WHERE erased_at IS NULL
				  AND (real_name LIKE '%' || ? || '%' OR id_number_masked LIKE '%' || ?)
				ORDER BY real_name LIMIT 50""").params(like, like).query(Accounts::map).list();
	}

	/** How many accounts there are (erased ones left out). */
	long count() {
		return this.jdbc.sql("SELECT count(*) FROM accounts WHERE erased_at IS NULL").query(Long.class).single();
	}

	private static Account map(ResultSet rs, int row) throws SQLException {
		Timestamp lockedUntil = rs.getTimestamp("locked_until");
		return new Account(new AccountId(rs.getObject("id", UUID.class)), rs.getString("real_name"),
				rs.getBytes("id_number_sealed"), rs.getString("id_number_masked"), rs.getBytes("phone_sealed"),
				rs.getString("phone_masked"), rs.getString("region_code"), rs.getString("password_hash"),
				rs.getBoolean("must_change_password"), rs.getBoolean("staff"), rs.getInt("failed_logins"),
				(lockedUntil != null) ? lockedUntil.toInstant() : null, rs.getString("security_question"),
				rs.getString("security_answer_hash"));
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

}
