package org.yixing.hours;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger read as service records (志愿服务记录办法 Art. 5/7): for one volunteer's
 * certificate, and for an organization subtree's export to the national system.
 */
@Repository
class ServiceRecords {

	private static final String COLUMNS = """
			id, account_id, kind, source, minutes, organization_id, organization_name, activity_id, activity_title,
			service_date, place, content, activity_lead, description, recorded_at""";

	private final JdbcClient jdbc;

	ServiceRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The volunteer's entries, within these organizations when given, oldest service
	 * first.
	 */
	List<HoursDirectory.ServiceRecord> of(UUID account, @Nullable Collection<UUID> organizations) {
		return ofVolunteer("SELECT " + COLUMNS + " FROM hours_entries", "ORDER BY service_date, recorded_at, id",
				account, organizations)
			.query(ServiceRecords::map)
			.list();
	}

	/** How many entries the volunteer has within these organizations (all when null). */
	long count(UUID account, @Nullable Collection<UUID> organizations) {
		return ofVolunteer("SELECT count(*) FROM hours_entries", "", account, organizations).query(Long.class).single();
	}

	/** When the first entry after {@code since} was recorded, if any. */
	@Nullable Instant firstRecordedAfter(UUID account, @Nullable Collection<UUID> organizations, Instant since) {
		Timestamp first = ofVolunteer("SELECT min(recorded_at) FROM hours_entries", "AND recorded_at > :since", account,
				organizations)
			.param("since", Timestamp.from(since))
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		return (first != null) ? first.toInstant() : null;
	}

	/**
	 * Every entry these organizations recorded for service from {@code from} to
	 * {@code to}, by date and volunteer, handed over one at a time (an export may hold a
	 * million).
	 */
	void within(Collection<UUID> organizations, LocalDate from, LocalDate to,
			Consumer<HoursDirectory.ServiceRecord> each) {
		if (organizations.isEmpty()) {
			return;
		}
		this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM hours_entries WHERE organization_id = ANY (?) AND service_date BETWEEN ? AND ?
				ORDER BY service_date, account_id, recorded_at, id""")
			.params(organizations.toArray(UUID[]::new), Date.valueOf(from), Date.valueOf(to))
			.withFetchSize(1000)
			.query((ResultSet rs) -> {
				each.accept(map(rs, 0));
			});
	}

	List<UUID> volunteersWithin(Collection<UUID> organizations, LocalDate from, LocalDate to) {
		return this.jdbc.sql("""
				SELECT DISTINCT account_id FROM hours_entries
				WHERE organization_id = ANY (?) AND service_date BETWEEN ? AND ?""")
			.params(organizations.toArray(UUID[]::new), Date.valueOf(from), Date.valueOf(to))
			.query(UUID.class)
			.list();
	}

	/**
	 * {@code select} over the volunteer's entries, those the organizations recorded when
	 * given (all when null), followed by {@code rest}.
	 */
	private JdbcClient.StatementSpec ofVolunteer(String select, String rest, UUID account,
			@Nullable Collection<UUID> organizations) {
		return this.jdbc
			.sql(select + " WHERE account_id = :account AND (CAST(:all AS BOOLEAN) OR organization_id = ANY (:ids)) "
					+ rest)
			.param("account", account)
			.param("all", organizations == null)
			.param("ids", (organizations != null) ? organizations.toArray(UUID[]::new) : new UUID[0]);
	}

	private static HoursDirectory.ServiceRecord map(ResultSet rs, int row) throws SQLException {
		return new HoursDirectory.ServiceRecord(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				"CREDIT".equals(rs.getString("kind")), rs.getString("source"), rs.getInt("minutes"),
				rs.getObject("organization_id", UUID.class), rs.getString("organization_name"),
				rs.getObject("activity_id", UUID.class), rs.getString("activity_title"),
				rs.getObject("service_date", LocalDate.class), rs.getString("place"), rs.getString("content"),
				rs.getString("activity_lead"), rs.getString("description"), rs.getTimestamp("recorded_at").toInstant());
	}

}
