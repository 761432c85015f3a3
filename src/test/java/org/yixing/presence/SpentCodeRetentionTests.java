package org.yixing.presence;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.PersonalCodes;
import org.yixing.test.RetentionRuns;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spent personal-code value is remembered four days, longer than a scan may wait for
 * its upload (RULES §12: 72 hours), then forgotten; a value still within them stays
 * spent.
 */
@ApiTest
class SpentCodeRetentionTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PresenceKeys keys;

	@Autowired
	SpentCodeRetention retention;

	@Test
	void aValueSpentOverFourDaysAgoIsForgottenAndARecentOneStaysSpent() {
		new Attendance(this.api).fixClock("2026-04-10T10:00:00+08:00");
		Instant now = Instant.parse("2026-04-10T02:00:00Z");
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		PersonalCodes.Key key = new PersonalCodes(this.api).issue(volunteer.token());
		String old = key.codeAt(now.minus(SpentCodeRetention.REMEMBER).minusSeconds(60));
		String recent = key.codeAt(now.minus(SpentCodeRetention.REMEMBER).plusSeconds(60));
		assertThat(this.keys.spend(old, PresenceKeys.Direction.IN)).isTrue();
		assertThat(this.keys.spend(recent, PresenceKeys.Direction.IN)).isTrue();
		assertThat(this.keys.spend(recent, PresenceKeys.Direction.IN)).as("a replay").isFalse();

		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteOldSpentCodes(2)))
			.isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.sql("SELECT step FROM presence_code_uses WHERE key_id = ?")
			.param(key.keyId())
			.query(Long.class)
			.list()).containsExactly(PersonalCode.parse(recent).orElseThrow().step());
		assertThat(this.keys.spend(recent, PresenceKeys.Direction.IN)).as("still a replay").isFalse();
	}

}
