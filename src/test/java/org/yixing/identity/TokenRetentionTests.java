package org.yixing.identity;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.RetentionRuns;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention (docs/PRIVACY.md): a sign-in token's row is kept until the token expires or
 * is revoked, on the application clock, and then deleted; tokens still in use stay.
 */
@ApiTest
class TokenRetentionTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TokenRetention retention;

	@Test
	void aTokenIsDeletedOnceItHasExpiredOrBeenRevoked() {
		Attendance clock = new Attendance(this.api);
		clock.fixClock("2026-03-01T09:00:00+08:00");
		Volunteers volunteers = new Volunteers(this.api);
		Volunteers.Registered volunteer = volunteers.register();
		String used = volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		String unused = volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		String loggedOut = volunteers.login(volunteer.idNumber(), Volunteers.PASSWORD);
		assertThat(this.api.delete("/auth/token", loggedOut).status()).isEqualTo(204);

		// four days on: the revoked one goes, the others still work
		clock.fixClock("2026-03-05T09:00:00+08:00");
		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteEndedTokens(2)))
			.isGreaterThanOrEqualTo(1);
		assertThat(stored(loggedOut)).isFalse();
		assertThat(stored(used)).isTrue();
		assertThat(stored(unused)).isTrue();
		assertThat(this.api.get("/me", used).status()).isEqualTo(200);

		// nine days on: the one unused for seven days has expired; the one used on the
		// 5th lasts until the 12th
		clock.fixClock("2026-03-10T09:00:00+08:00");
		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteEndedTokens(2)))
			.isGreaterThanOrEqualTo(2);
		assertThat(stored(unused)).isFalse();
		assertThat(stored(used)).isTrue();
		assertThat(this.api.get("/me", used).status()).isEqualTo(200);
	}

	private boolean stored(String token) {
		return this.jdbc.sql("SELECT count(*) FROM access_tokens WHERE token_hash = ?")
			.param(AccessTokens.hash(token))
			.query(Long.class)
			.single() == 1;
	}

}
