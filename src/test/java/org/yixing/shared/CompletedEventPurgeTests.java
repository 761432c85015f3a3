package org.yixing.shared;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.RetentionRuns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completed event publications are kept a week on the application clock, then deleted in
 * batches; unfinished ones stay however old they are.
 */
@ApiTest
class CompletedEventPurgeTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CompletedEventPurge purge;

	@Test
	void publicationsCompletedOverAWeekAgoAreDeletedAndUnfinishedOnesStay() {
		new Attendance(this.api).fixClock("2026-11-25T10:00:00+08:00");
		Instant now = Instant.parse("2026-11-25T02:00:00Z");
		String listener = "purge-test-" + UUID.randomUUID();
		for (int i = 0; i < 5; i++) {
			publication(listener, "old", now.minusSeconds(8 * 86_400L), now.minusSeconds(8 * 86_400L - 5));
		}
		publication(listener, "a week ago to the second", now.minusSeconds(7 * 86_400L + 10),
				now.minusSeconds(7 * 86_400L));
		publication(listener, "recent", now.minusSeconds(6 * 86_400L), now.minusSeconds(6 * 86_400L - 5));
		publication(listener, "unfinished", now.minusSeconds(30 * 86_400L), null);

		// in batches of two, run after run until nothing is left (other tests leave
		// completed publications too)
		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.purge.purge(2))).isGreaterThanOrEqualTo(5);

		assertThat(left(listener)).containsExactlyInAnyOrder("a week ago to the second", "recent", "unfinished");
		assertThat(this.purge.purge(2)).isZero();
	}

	@Test
	void aRunStopsAfterItsBatchesAndTheNextGoesOn() {
		String listener = completedWeeksAgo(BatchedDeletes.BATCHES_PER_RUN + 5);
		// batches of one: the run ends after its twentieth, whatever is left
		assertThat(this.purge.purge(1)).isEqualTo(BatchedDeletes.BATCHES_PER_RUN);
		// the next runs delete the rest
		RetentionRuns.untilNothingIsLeft(() -> this.purge.purge(1));
		assertThat(left(listener)).isEmpty();
	}

	@Test
	void twoNodesPurgingAtOnceFailNothingAndLeaveNothing() throws Exception {
		String listener = completedWeeksAgo(30);
		// As two nodes would: the batches take turns under the job's lock, and a node
		// that finds it taken ends its run.
		try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
			List<Future<Integer>> runs = List.of(nodes.submit(() -> this.purge.purge(1)),
					nodes.submit(() -> this.purge.purge(1)));
			for (Future<Integer> run : runs) {
				assertThat(run.get()).isBetween(0, BatchedDeletes.BATCHES_PER_RUN);
			}
		}
		// the next runs delete the rest
		RetentionRuns.untilNothingIsLeft(() -> this.purge.purge(1));
		assertThat(left(listener)).isEmpty();
	}

	/**
	 * {@code count} publications completed on 1 November, over three weeks before the
	 * application clock's 25 November; their listener's id.
	 */
	private String completedWeeksAgo(int count) {
		new Attendance(this.api).fixClock("2026-11-25T10:00:00+08:00");
		Instant old = Instant.parse("2026-11-01T02:00:00Z");
		String listener = "purge-test-" + UUID.randomUUID();
		for (int i = 0; i < count; i++) {
			publication(listener, "old", old, old.plusSeconds(5));
		}
		return listener;
	}

	private void publication(String listener, String what, Instant published, Instant completed) {
		this.jdbc.sql("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,
				  completion_date, status, completion_attempts)
				VALUES (?, ?, 'test', ?, ?, ?, ?, 1)""")
			.params(UUID.randomUUID(), listener, what + " " + UUID.randomUUID(), Timestamp.from(published),
					(completed != null) ? Timestamp.from(completed) : null,
					(completed != null) ? "COMPLETED" : "FAILED")
			.update();
	}

	private List<String> left(String listener) {
		return this.jdbc.sql("SELECT serialized_event FROM event_publication WHERE listener_id = ?")
			.param(listener)
			.query(String.class)
			.list()
			.stream()
			.map((event) -> event.substring(0, event.lastIndexOf(' ')))
			.toList();
	}

}
