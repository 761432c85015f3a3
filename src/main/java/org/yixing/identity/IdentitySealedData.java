package org.yixing.identity;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.shared.SealedData;

/**
 * Identity's sealed data after a PII key rotation: ID numbers and phones of accounts
 * (with their lookup hashes) and the new phones and photos of ID-photo recovery requests.
 */
@Component
class IdentitySealedData implements SealedData {

	private final JdbcClient jdbc;

	private final IdentityCrypto crypto;

	private final TransactionTemplate transactions;

	IdentitySealedData(JdbcClient jdbc, IdentityCrypto crypto, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.crypto = crypto;
		this.transactions = transactions;
	}

	@Override
	public String name() {
		return "accounts, id-photo-reviews";
	}

	@Override
	public long remaining() {
		return this.jdbc.sql("""
				SELECT (SELECT count(*) FROM accounts WHERE pii_key_id IS DISTINCT FROM :key)
				     + (SELECT count(*) FROM id_photo_reviews WHERE pii_key_id IS DISTINCT FROM :key)""")
			.param("key", this.crypto.keyId())
			.query(Long.class)
			.single();
	}

	@Override
	public int reencrypt(int limit) {
		Integer accounts = this.transactions.execute((status) -> accounts(limit));
		int done = (accounts != null) ? accounts : 0;
		if (done < limit) {
			Integer reviews = this.transactions.execute((status) -> reviews(limit - done));
			return done + ((reviews != null) ? reviews : 0);
		}
		return done;
	}

	private int accounts(int limit) {
		List<Row> rows = this.jdbc.sql("""
				SELECT id, id_number_sealed, phone_sealed FROM accounts WHERE pii_key_id IS DISTINCT FROM ?
				ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")
			.params(this.crypto.keyId(), limit)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getBytes("id_number_sealed"),
					rs.getBytes("phone_sealed")))
			.list();
		for (Row row : rows) {
			IdentityCrypto.Resealed idNumber = (row.first() != null) ? this.crypto.resealIdNumber(row.first()) : null;
			IdentityCrypto.Resealed phone = (row.second() != null) ? this.crypto.resealPhone(row.second()) : null;
			this.jdbc.sql("""
					UPDATE accounts SET
					  id_number_hash = COALESCE(?, id_number_hash), id_number_sealed = ?,
					  phone_hash = ?, phone_sealed = ?, pii_key_id = ?
					WHERE id = ?""")
				.params((idNumber != null) ? idNumber.hash() : null, (idNumber != null) ? idNumber.sealed() : null,
						(phone != null) ? phone.hash() : null, (phone != null) ? phone.sealed() : null,
						this.crypto.keyId(), row.id())
				.update();
		}
		return rows.size();
	}

	private int reviews(int limit) {
		List<Row> rows = this.jdbc.sql("""
				SELECT id, new_phone_sealed, photo_sealed FROM id_photo_reviews WHERE pii_key_id IS DISTINCT FROM ?
				ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")
			.params(this.crypto.keyId(), limit)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getBytes("new_phone_sealed"),
					rs.getBytes("photo_sealed")))
			.list();
		for (Row row : rows) {
			this.jdbc
				.sql("UPDATE id_photo_reviews SET new_phone_sealed = ?, photo_sealed = ?, pii_key_id = ? WHERE id = ?")
				.params((row.first() != null) ? this.crypto.resealPhone(row.first()).sealed() : null,
						(row.second() != null) ? this.crypto.resealPhoto(row.second()) : null, this.crypto.keyId(),
						row.id())
				.update();
		}
		return rows.size();
	}

	private record Row(UUID id, byte @Nullable [] first, byte @Nullable [] second) {
	}

}
