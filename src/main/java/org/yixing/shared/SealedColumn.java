package org.yixing.shared;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link SealedData} of a table whose rows each hold one value sealed with the PII
 * key, beside the id of the key that sealed it: the rows not under the current key are
 * counted, and moved over in batches, each its own transaction, rows locked
 * {@code SKIP LOCKED}. A module's sealed column is a bean of a subclass that names it.
 */
public class SealedColumn implements SealedData {

	private final String name;

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final TransactionTemplate transactions;

	private final String table;

	private final String id;

	private final String column;

	private final String purpose;

	/**
	 * @param name what it is, for progress reports, e.g. {@code face-templates}
	 * @param table the table, e.g. {@code face_templates}
	 * @param id its primary key column
	 * @param column the sealed column; {@code pii_key_id} names the key
	 * @param purpose what the value was sealed for ({@link Secrets#seal(String, byte[])})
	 */
	public SealedColumn(String name, JdbcClient jdbc, Secrets secrets, TransactionTemplate transactions, String table,
			String id, String column, String purpose) {
		this.name = name;
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.transactions = transactions;
		this.table = table;
		this.id = id;
		this.column = column;
		this.purpose = purpose;
	}

	@Override
	public String name() {
		return this.name;
	}

	/** Rows not yet sealed under the current key. */
	@Override
	public long remaining() {
		return this.jdbc.sql("SELECT count(*) FROM " + this.table + " WHERE pii_key_id IS DISTINCT FROM ?")
			.param(this.secrets.keyId())
			.query(Long.class)
			.single();
	}

	/** Moves up to {@code limit} rows to the current key; returns how many it moved. */
	@Override
	public int reencrypt(int limit) {
		Integer done = this.transactions.execute((status) -> {
			List<Row> rows = this.jdbc
				.sql("SELECT " + this.id + " AS id, " + this.column + " AS sealed FROM " + this.table
						+ " WHERE pii_key_id IS DISTINCT FROM ? ORDER BY " + this.id
						+ " LIMIT ? FOR UPDATE SKIP LOCKED")
				.params(this.secrets.keyId(), limit)
				.query((rs, n) -> new Row(rs.getObject("id"), rs.getBytes("sealed")))
				.list();
			for (Row row : rows) {
				this.jdbc
					.sql("UPDATE " + this.table + " SET " + this.column + " = ?, pii_key_id = ? WHERE " + this.id
							+ " = ?")
					.params(this.secrets.seal(this.purpose, this.secrets.open(this.purpose, row.sealed())),
							this.secrets.keyId(), row.id())
					.update();
			}
			return rows.size();
		});
		return (done != null) ? done : 0;
	}

	private record Row(Object id, byte[] sealed) {
	}

}
