package org.yixing.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yixing.shared.ReviewStatus;

/** Recovery requests by handheld-ID photo awaiting or past staff review. */
@Repository
class IdPhotoReviews {

	private static final String COLUMNS = """
			r.id, r.account_id, r.real_name, r.new_phone_sealed, r.new_phone_masked, r.photo_content_type,
			r.status, r.reason, r.created_at, r.decided_at, a.id_number_masked, a.real_name AS account_real_name""";

	private final JdbcClient jdbc;

	IdPhotoReviews(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, AccountId account, String realName, byte[] newPhoneSealed, String newPhoneMasked,
			byte[] photoSealed, String contentType, Instant now, String piiKeyId) {
		this.jdbc.sql("""
				INSERT INTO id_photo_reviews (id, account_id, real_name, new_phone_sealed, new_phone_masked,
				  photo_sealed, photo_content_type, status, created_at, pii_key_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
			.params(id, account.value(), realName, newPhoneSealed, newPhoneMasked, photoSealed, contentType,
					Timestamp.from(now), piiKeyId)
			.update();
	}

	/** How many requests wait for a decision, all accounts together. */
	long pendingCount() {
		return this.jdbc.sql("SELECT count(*) FROM id_photo_reviews WHERE status = 'PENDING'")
			.query(Long.class)
			.single();
	}

	boolean hasPending(AccountId account) {
		return this.jdbc.sql("SELECT count(*) FROM id_photo_reviews WHERE account_id = ? AND status = 'PENDING'")
			.param(account.value())
			.query(Long.class)
			.single() > 0;
	}

	Optional<Review> find(UUID id) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM id_photo_reviews r JOIN accounts a ON a.id = r.account_id WHERE r.id = ?")
			.param(id)
			.query(IdPhotoReviews::map)
			.optional();
	}

	Optional<Review> lock(UUID id) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM id_photo_reviews r JOIN accounts a ON a.id = r.account_id WHERE r.id = ? FOR UPDATE OF r")
			.param(id)
			.query(IdPhotoReviews::map)
			.optional();
	}

	List<Review> list(@Nullable ReviewStatus status) {
		String named = (status != null) ? status.name() : null;
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM id_photo_reviews r JOIN accounts a ON a.id = r.account_id
				WHERE CAST(? AS text) IS NULL OR r.status = ? ORDER BY r.created_at LIMIT 500""")
			.params(named, named)
			.query(IdPhotoReviews::map)
			.list();
	}

	Optional<Photo> photo(UUID id) {
		return this.jdbc.sql(
				"SELECT photo_sealed, photo_content_type FROM id_photo_reviews WHERE id = ? AND photo_sealed IS NOT NULL")
			.param(id)
			.query((rs, n) -> new Photo(rs.getBytes("photo_sealed"), rs.getString("photo_content_type")))
			.optional();
	}

	void decide(UUID id, ReviewStatus status, @Nullable String reason, AccountId decidedBy, Instant now) {
		this.jdbc.sql("UPDATE id_photo_reviews SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?")
			.params(status.name(), reason, decidedBy.value(), Timestamp.from(now), id)
			.update();
	}

	private static Review map(ResultSet rs, int row) throws SQLException {
		Timestamp decidedAt = rs.getTimestamp("decided_at");
		return new Review(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
				rs.getString("real_name"), rs.getString("account_real_name"), rs.getString("id_number_masked"),
				rs.getBytes("new_phone_sealed"), rs.getString("new_phone_masked"),
				ReviewStatus.valueOf(rs.getString("status")), rs.getString("reason"),
				rs.getTimestamp("created_at").toInstant(), (decidedAt != null) ? decidedAt.toInstant() : null);
	}

	record Review(UUID id, AccountId accountId, String realName, String accountRealName, String idNumberMasked,
			byte @Nullable [] newPhoneSealed, String newPhoneMasked, ReviewStatus status, @Nullable String reason,
			Instant createdAt, @Nullable Instant decidedAt) {
	}

	record Photo(byte[] sealed, String contentType) {
	}

}
