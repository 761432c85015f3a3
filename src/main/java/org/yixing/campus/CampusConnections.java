package org.yixing.campus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yixing.shared.Secrets;

/** The stored connections; client secrets sealed with the PII key. */
@Repository
class CampusConnections {

	static final String SECRET_PURPOSE = "campus-client-secret";

	private static final String COLUMNS = """
			organization_id, issuer, client_id, number_claim, label, auto_join, enabled, updated_at""";

	private final JdbcClient jdbc;

	private final Secrets secrets;

	CampusConnections(JdbcClient jdbc, Secrets secrets) {
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	Optional<CampusConnection> find(UUID organization) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM campus_connections WHERE organization_id = ?")
			.param(organization)
			.query(CampusConnections::map)
			.optional();
	}

	List<CampusConnection> enabled() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM campus_connections WHERE enabled ORDER BY label")
			.query(CampusConnections::map)
			.list();
	}

	String secretOf(UUID organization) {
		byte[] sealed = this.jdbc.sql("SELECT client_secret FROM campus_connections WHERE organization_id = ?")
			.param(organization)
			.query(byte[].class)
			.single();
		return this.secrets.openString(SECRET_PURPOSE, sealed);
	}

	/**
	 * Inserts or replaces; without a new secret ({@code null}) the stored one stays.
	 * @return false when there was neither a connection nor a secret to keep
	 */
	boolean save(CampusConnection connection, @org.jspecify.annotations.Nullable String secret) {
		Timestamp at = Timestamp.from(connection.updatedAt());
		if (secret == null) {
			return this.jdbc.sql("""
					UPDATE campus_connections SET issuer = ?, client_id = ?, number_claim = ?, label = ?,
					  auto_join = ?, enabled = ?, updated_at = ?
					WHERE organization_id = ?""")
				.params(connection.issuer(), connection.clientId(), connection.numberClaim(), connection.label(),
						connection.autoJoin(), connection.enabled(), at, connection.organization())
				.update() == 1;
		}
		this.jdbc.sql("""
				INSERT INTO campus_connections (organization_id, issuer, client_id, client_secret, pii_key_id,
				  number_claim, label, auto_join, enabled, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (organization_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id,
				  client_secret = excluded.client_secret, pii_key_id = excluded.pii_key_id,
				  number_claim = excluded.number_claim, label = excluded.label, auto_join = excluded.auto_join,
				  enabled = excluded.enabled, updated_at = excluded.updated_at""")
			.params(connection.organization(), connection.issuer(), connection.clientId(),
					this.secrets.seal(SECRET_PURPOSE, secret), this.secrets.keyId(), connection.numberClaim(),
					connection.label(), connection.autoJoin(), connection.enabled(), at)
			.update();
		return true;
	}

	private static CampusConnection map(ResultSet rs, int row) throws SQLException {
		return new CampusConnection(rs.getObject("organization_id", UUID.class), rs.getString("issuer"),
				rs.getString("client_id"), rs.getString("number_claim"), rs.getString("label"),
				rs.getBoolean("auto_join"), rs.getBoolean("enabled"), rs.getTimestamp("updated_at").toInstant());
	}

}
