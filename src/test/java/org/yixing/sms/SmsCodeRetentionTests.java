package org.yixing.sms;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.IdNumbers;
import org.yixing.test.RetentionRuns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention (docs/PRIVACY.md): a verification code's row is deleted a day after the code
 * expired, on the application clock.
 */
@ApiTest
class SmsCodeRetentionTests {

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SmsCodeRetention retention;

	@AfterEach
	void realTime() {
		this.api.delete("/dev/clock", null);
	}

	@Test
	void aCodeIsDeletedADayAfterItExpired() {
		Attendance clock = new Attendance(this.api);
		clock.fixClock("2026-02-03T10:00:00+08:00");
		assertThat(
				this.api.post("/sms-codes", Map.of("phone", IdNumbers.randomPhone(), "purpose", "REGISTER")).status())
			.isEqualTo(202);
		assertThat(sentThen()).isEqualTo(1);

		// expired at 10:05, kept until 10:05 the next day
		clock.fixClock("2026-02-04T10:04:59+08:00");
		RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteExpiredCodes(2));
		assertThat(sentThen()).isEqualTo(1);

		clock.fixClock("2026-02-04T10:05:00+08:00");
		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteExpiredCodes(2)))
			.isGreaterThanOrEqualTo(1);
		assertThat(sentThen()).isZero();
	}

	private long sentThen() {
		return this.jdbc.sql("SELECT count(*) FROM sms_codes WHERE created_at = '2026-02-03T02:00:00Z'")
			.query(Long.class)
			.single();
	}

}
