package org.yixing.attendance;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yixing.activity.ActivityDirectory;
import org.yixing.activity.ActivityId;
import org.yixing.activity.CheckInActivity;
import org.yixing.shared.AdvisoryLock;
import org.yixing.shared.BatchedDeletes;
import org.yixing.shared.Retention;

/**
 * Retention (docs/PRIVACY.md): a waitlist (候补, RULES §5) ends at its activity's start; it
 * is deleted once the activity was cancelled, or
 * {@link AttendanceDirectory#WAITLIST_KEPT_AFTER_START two hours} after the start, by
 * when those still waiting have been told that no place came. Runs hourly on the
 * application clock ({@link BatchedDeletes}).
 */
@Component
class WaitlistRetention implements Retention {

	private static final BatchedDeletes.Job JOB = new BatchedDeletes.Job(AdvisoryLock.WAITLIST_RETENTION,
			WaitlistRetention.class);

	private final JdbcClient jdbc;

	private final ActivityDirectory activities;

	private final BatchedDeletes deletes;

	private final Clock clock;

	WaitlistRetention(JdbcClient jdbc, ActivityDirectory activities, BatchedDeletes deletes, Clock clock) {
		this.jdbc = jdbc;
		this.activities = activities;
		this.deletes = deletes;
		this.clock = clock;
	}

	@Override
	public int forget() {
		Instant now = this.clock.instant();
		List<ActivityId> waited = this.jdbc.sql("SELECT DISTINCT activity_id FROM activity_waitlist")
			.query(UUID.class)
			.list()
			.stream()
			.map(ActivityId::new)
			.toList();
		if (waited.isEmpty()) {
			return 0;
		}
		Set<UUID> over = new HashSet<>(waited.stream().map(ActivityId::value).toList());
		this.activities.findAll(waited)
			.stream()
			.map((d) -> d.checkIn())
			.filter((a) -> !a.cancelled()
					&& now.isBefore(a.startAt().plus(AttendanceDirectory.WAITLIST_KEPT_AFTER_START)))
			.map(CheckInActivity::id)
			.forEach((id) -> over.remove(id.value()));
		if (over.isEmpty()) {
			return 0;
		}
		UUID[] ids = over.toArray(UUID[]::new);
		return this.deletes.run(JOB, "waitlist places of activities that started two hours ago or were cancelled",
				BatchedDeletes.BATCH, """
						DELETE FROM activity_waitlist WHERE activity_id = ANY (?) AND (activity_id, account_id) IN (
						  SELECT activity_id, account_id FROM activity_waitlist WHERE activity_id = ANY (?) LIMIT ?)""",
				ids, ids);
	}

}
