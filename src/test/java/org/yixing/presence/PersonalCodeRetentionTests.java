package org.yixing.presence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.identity.AccountId;
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
 * spent. A key replaced by a new device's key is deleted four days after, with its spent
 * values; the key in force stays.
 */
@ApiTest
class PersonalCodeRetentionTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PresenceKeys keys;

	@Autowired
	PersonalCodeRetention retention;

	@Test
	void aValueSpentOverFourDaysAgoIsForgottenAndARecentOneStaysSpent() {
		new Attendance(this.api).fixClock("2026-04-10T10:00:00+08:00");
		Instant now = Instant.parse("2026-04-10T02:00:00Z");
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		PersonalCodes.Key key = new PersonalCodes(this.api).issue(volunteer.token());
		String old = key.codeAt(now.minus(PersonalCodeRetention.REMEMBER).minusSeconds(60));
		String recent = key.codeAt(now.minus(PersonalCodeRetention.REMEMBER).plusSeconds(60));
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

	@Test
	void aKeyReplacedOverFourDaysAgoIsDeletedWithItsSpentValuesAndTheKeyInForceStays() {
		Attendance attendance = new Attendance(this.api);
		PersonalCodes codes = new PersonalCodes(this.api);
		attendance.fixClock("2026-05-01T09:00:00+08:00");
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		PersonalCodes.Key first = codes.issue(volunteer.token());
		assertThat(this.keys.spend(first.codeAt(Instant.parse("2026-05-01T01:00:00Z")), PresenceKeys.Direction.IN))
			.isTrue();
		PersonalCodes.Key second = codes.issue(volunteer.token());
		attendance.fixClock("2026-05-01T09:01:00+08:00");
		PersonalCodes.Key third = codes.issue(volunteer.token());

		attendance.fixClock("2026-05-05T09:00:30+08:00");
		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteRevokedKeys(1))).isEqualTo(1);
		assertThat(keyIdsOf(volunteer)).containsExactlyInAnyOrder(second.keyId(), third.keyId());
		assertThat(this.jdbc.sql("SELECT count(*) FROM presence_code_uses WHERE key_id = ?")
			.param(first.keyId())
			.query(Integer.class)
			.single()).as("its spent values go with it").isZero();

		attendance.fixClock("2026-05-05T09:01:30+08:00");
		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteRevokedKeys(1))).isEqualTo(1);
		assertThat(keyIdsOf(volunteer)).containsExactly(third.keyId());
		assertThat(this.keys.currentKeyOf(new AccountId(UUID.fromString(volunteer.id())))).contains(third.keyId());
	}

	private List<String> keyIdsOf(Volunteers.Registered volunteer) {
		return this.jdbc.sql("SELECT id FROM presence_keys WHERE account_id = ?")
			.param(UUID.fromString(volunteer.id()))
			.query(String.class)
			.list();
	}

}
