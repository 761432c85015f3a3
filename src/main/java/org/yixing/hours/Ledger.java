package org.yixing.hours;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The hours ledger: inserts and reads only; the database refuses updates and deletes. */
@Repository
class Ledger {

	private final JdbcClient jdbc;

	Ledger(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Appends the entry; a second credit entry for the same session is ignored. */
	boolean append(LedgerEntry e) {
		return this.jdbc.sql("""
				INSERT INTO hours_entries (id, account_id, kind, source, minutes, session_id, organization_id,
				  organization_name, activity_id, activity_title, service_date, place, content, activity_lead, reason,
				  description, evidence, evidence_file_id, corrects_entry_id, recorded_by, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (session_id) WHERE source = 'SESSION' DO NOTHING""")
			.params(e.id(), e.accountId(), e.kind(), e.source(), e.minutes(), e.sessionId(), e.organizationId(),
					e.organizationName(), e.activityId(), e.activityTitle(), e.serviceDate(), e.place(), e.content(),
					e.activityLead(), e.reason(), e.description(), e.evidence(), e.evidenceFileId(),
					e.correctsEntryId(), e.recordedBy(), Timestamp.from(e.recordedAt()))
			.update() == 1;
	}

	/** Honor minutes per granting organization, corrections included. */
	Map<UUID, Integer> honorMinutesByOrganization(UUID account) {
		Map<UUID, Integer> minutes = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT organization_id, sum(minutes) AS minutes FROM hours_entries
				WHERE account_id = ? AND kind = 'HONOR' GROUP BY organization_id""")
			.param(account)
			.query((rs, n) -> minutes.put(rs.getObject("organization_id", UUID.class), rs.getInt("minutes")))
			.list();
		return minutes;
	}

	/** Serialises changes to one volunteer's honor balance until the transaction ends. */
	void lockVolunteer(UUID account) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))")
			.params(LOCK_SPACE, account.toString())
			.query()
			.singleRow();
	}

	/** The advisory-lock key space of honor balances. */
	private static final int LOCK_SPACE = 0x686f7572;

	HoursBalance balance(UUID account) {
		return this.jdbc.sql("""
				SELECT COALESCE(sum(minutes) FILTER (WHERE kind = 'CREDIT'), 0) AS credit,
				       COALESCE(sum(minutes) FILTER (WHERE kind = 'HONOR'), 0) AS honor
				FROM hours_entries WHERE account_id = ?""")
			.param(account)
			.query((rs, n) -> new HoursBalance(rs.getLong("credit"), rs.getLong("honor")))
			.single();
	}

	List<LedgerEntry> entries(UUID account) {
		return this.jdbc
			.sql("SELECT * FROM hours_entries WHERE account_id = ? ORDER BY recorded_at DESC, id LIMIT 1000")
			.param(account)
			.query(Ledger::map)
			.list();
	}

	Optional<LedgerEntry> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM hours_entries WHERE id = ?").param(id).query(Ledger::map).optional();
	}

	private static LedgerEntry map(ResultSet rs, int row) throws SQLException {
		return new LedgerEntry(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("kind"), rs.getString("source"), rs.getInt("minutes"),
				rs.getObject("session_id", UUID.class), rs.getObject("organization_id", UUID.class),
				rs.getString("organization_name"), rs.getObject("activity_id", UUID.class),
				rs.getString("activity_title"), rs.getObject("service_date", java.time.LocalDate.class),
				rs.getString("place"), rs.getString("content"), rs.getString("activity_lead"), rs.getString("reason"),
				rs.getString("description"), rs.getString("evidence"), rs.getObject("evidence_file_id", UUID.class),
				rs.getObject("corrects_entry_id", UUID.class), rs.getObject("recorded_by", UUID.class),
				rs.getTimestamp("recorded_at").toInstant());
	}

}
