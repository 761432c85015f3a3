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
	 * got there first), then the account id so that the order is total. Whole months are
	 * read from {@code hours_monthly}, the days of partial months at either end from the
	 * ledger itself.
	 */
	List<HoursDirectory.Standing> top(Collection<UUID> organizations, LocalDate from, LocalDate to, int limit) {
		if (organizations.isEmpty()) {
			return List.of();
		}
		LocalDate fullFrom = (from.getDayOfMonth() == 1) ? from : from.withDayOfMonth(1).plusMonths(1);
		LocalDate fullTo = to.plusDays(1).withDayOfMonth(1);
		if (!fullFrom.isBefore(fullTo)) {
			// no whole month: the ledger alone, from..to
			fullFrom = to.plusDays(1);
			fullTo = to.plusDays(1);
		}
		UUID[] ids = organizations.toArray(UUID[]::new);
		return this.jdbc.sql("""
				WITH parts AS (
				  SELECT account_id, credit_minutes AS credit, honor_minutes AS honor, last_credit_at AS last_credit
				  FROM hours_monthly WHERE organization_id = ANY (:ids) AND month >= :fullFrom AND month < :fullTo
				  UNION ALL
				  SELECT account_id, CASE WHEN kind = 'CREDIT' THEN minutes ELSE 0 END,
				         CASE WHEN kind = 'HONOR' THEN minutes ELSE 0 END,
				         CASE WHEN kind = 'CREDIT' THEN recorded_at END
				  FROM hours_entries WHERE organization_id = ANY (:ids)
				    AND ((service_date >= :from AND service_date < :lowEnd)
				      OR (service_date >= :highStart AND service_date <= :to)))
				SELECT account_id, sum(credit) AS credit, sum(honor) AS honor, max(last_credit) AS last_credit
				FROM parts GROUP BY account_id
				HAVING sum(credit) + sum(honor) <> 0
				ORDER BY credit DESC, honor DESC, last_credit ASC NULLS LAST, account_id
				LIMIT :limit""")
			.param("ids", ids)
			.param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to))
			.param("fullFrom", Date.valueOf(fullFrom))
			.param("fullTo", Date.valueOf(fullTo))
			.param("lowEnd", Date.valueOf(min(fullFrom, to.plusDays(1))))
			.param("highStart", Date.valueOf(max(fullTo, from)))
			.param("limit", limit)
			.query((rs, n) -> new HoursDirectory.Standing(n + 1, rs.getObject("account_id", UUID.class),
					rs.getLong("credit"), rs.getLong("honor"), 0, instant(rs.getTimestamp("last_credit"))))
			.list();
	}

	/** For the ranked volunteers: their activities in the range, and the latest one. */
	Map<UUID, Detail> details(Collection<UUID> accounts, Collection<UUID> organizations, LocalDate from, LocalDate to) {
		Map<UUID, Detail> details = new HashMap<>();
		if (accounts.isEmpty()) {
			return details;
		}
		// One volunteer at a time through the ledger's account index: a few dozen entries
		// each, where a scan by organization would read the whole subtree's ledger again.
		this.jdbc.sql("""
				SELECT a.id AS account_id, d.activities, d.last_title, d.last_date
				FROM unnest(?::uuid[]) AS a(id) CROSS JOIN LATERAL (
				  SELECT count(DISTINCT e.activity_id) AS activities,
				         (array_agg(e.activity_title ORDER BY e.service_date DESC, e.recorded_at DESC)
				            FILTER (WHERE e.activity_id IS NOT NULL))[1] AS last_title,
				         max(e.service_date) FILTER (WHERE e.activity_id IS NOT NULL) AS last_date
				  -- OFFSET 0 keeps the planner on the account index: the organization's
				  -- conditions would draw it to the subtree's whole ledger per volunteer.
				  FROM (SELECT activity_id, activity_title, service_date, recorded_at, organization_id
				        FROM hours_entries WHERE account_id = a.id OFFSET 0) AS e
				  WHERE e.organization_id = ANY (?) AND e.service_date BETWEEN ? AND ?) AS d""")
			.params(accounts.toArray(UUID[]::new), organizations.toArray(UUID[]::new), Date.valueOf(from),
					Date.valueOf(to))
			.query((rs, n) -> {
				Date last = rs.getDate("last_date");
				return details.put(rs.getObject("account_id", UUID.class), new Detail(rs.getInt("activities"),
						rs.getString("last_title"), (last != null) ? last.toLocalDate() : null));
			})
			.list();
		return details;
	}

	List<HoursDirectory.Month> months(Collection<UUID> organizations, LocalDate from, LocalDate to) {
		if (organizations.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT month, sum(credit_minutes) AS credit, sum(honor_minutes) AS honor,
				       count(DISTINCT account_id) AS volunteers
				FROM hours_monthly WHERE organization_id = ANY (?) AND month BETWEEN ? AND ?
				GROUP BY month ORDER BY month""")
			.params(organizations.toArray(UUID[]::new), Date.valueOf(from.withDayOfMonth(1)),
					Date.valueOf(to.withDayOfMonth(1)))
			.query((rs, n) -> new HoursDirectory.Month(rs.getDate("month").toLocalDate(), rs.getLong("credit"),
					rs.getLong("honor"), rs.getLong("volunteers")))
			.list();
	}

	Map<UUID, Long> activeVolunteers(Map<UUID, ? extends Collection<UUID>> groups, LocalDate from, LocalDate to) {
		Map<UUID, Long> counts = new HashMap<>();
		List<UUID> members = new java.util.ArrayList<>();
		List<UUID> owners = new java.util.ArrayList<>();
		groups.forEach((group, organizations) -> organizations.forEach((organization) -> {
			members.add(organization);
			owners.add(group);
		}));
		if (members.isEmpty()) {
			return counts;
		}
		this.jdbc.sql("""
				SELECT g.owner, count(DISTINCT m.account_id) AS volunteers
				FROM unnest(?::uuid[], ?::uuid[]) AS g(organization, owner)
				  JOIN hours_monthly m ON m.organization_id = g.organization AND m.month BETWEEN ? AND ?
				GROUP BY g.owner""")
			.params(members.toArray(UUID[]::new), owners.toArray(UUID[]::new), Date.valueOf(from.withDayOfMonth(1)),
					Date.valueOf(to.withDayOfMonth(1)))
			.query((rs, n) -> counts.put(rs.getObject("owner", UUID.class), rs.getLong("volunteers")))
			.list();
		return counts;
	}

	private static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	record Detail(int activities, @Nullable String lastTitle, @Nullable LocalDate lastDate) {
	}

}
