package org.yixing.hours;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger summed per volunteer for rankings (RULES §10): the minutes recorded by a set
 * of organizations for service on days in a range, in one aggregate over
 * {@code hours_entries_ranking_idx}.
 */
@Repository
class Standings {

	private final JdbcClient jdbc;

	Standings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * By credit minutes, then honor minutes, then the earlier last credited session (who
	 * got there first), then the account id so that the order is total.
	 */
	List<HoursDirectory.Standing> top(Collection<UUID> organizations, LocalDate from, LocalDate to, int limit) {
		if (organizations.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT account_id,
				       COALESCE(sum(minutes) FILTER (WHERE kind = 'CREDIT'), 0) AS credit,
				       COALESCE(sum(minutes) FILTER (WHERE kind = 'HONOR'), 0) AS honor,
				       max(recorded_at) FILTER (WHERE kind = 'CREDIT') AS last_credit,
				       count(DISTINCT activity_id) AS activities
				FROM hours_entries
				WHERE organization_id = ANY (?) AND service_date BETWEEN ? AND ?
				GROUP BY account_id
				HAVING sum(minutes) <> 0
				ORDER BY credit DESC, honor DESC, last_credit ASC NULLS LAST, account_id
				LIMIT ?""")
			.params(organizations.toArray(UUID[]::new), Date.valueOf(from), Date.valueOf(to), limit)
			.query((rs, n) -> new HoursDirectory.Standing(n + 1, rs.getObject("account_id", UUID.class),
					rs.getLong("credit"), rs.getLong("honor"), rs.getInt("activities"),
					instant(rs.getTimestamp("last_credit"))))
			.list();
	}

	/** Each volunteer's latest activity in the range, for the top list. */
	Map<UUID, LastActivity> lastActivities(Collection<UUID> accounts, Collection<UUID> organizations, LocalDate from,
			LocalDate to) {
		Map<UUID, LastActivity> last = new HashMap<>();
		if (accounts.isEmpty()) {
			return last;
		}
		this.jdbc.sql("""
				SELECT DISTINCT ON (account_id) account_id, activity_title, service_date FROM hours_entries
				WHERE account_id = ANY (?) AND organization_id = ANY (?) AND service_date BETWEEN ? AND ?
				  AND activity_id IS NOT NULL
				ORDER BY account_id, service_date DESC, recorded_at DESC""")
			.params(accounts.toArray(UUID[]::new), organizations.toArray(UUID[]::new), Date.valueOf(from),
					Date.valueOf(to))
			.query((rs, n) -> last.put(rs.getObject("account_id", UUID.class),
					new LastActivity(rs.getString("activity_title"), rs.getDate("service_date").toLocalDate())))
			.list();
		return last;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	record LastActivity(String title, LocalDate date) {
	}

}
