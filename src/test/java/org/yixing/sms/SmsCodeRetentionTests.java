package org.yixing.sms;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.IdNumbers;
import org.yixing.test.Race;
import org.yixing.test.RetentionRuns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention (docs/PRIVACY.md): a verification code's row is deleted a day after the code
 * expired, and a phone's quota row once the day of its last code is over, on the
 * application clock.
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

	@Test
	void aPhonesQuotaRowIsDeletedOnceTheDayOfItsLastCodeIsOverAndTheLimitsHoldAfter() {
		Attendance clock = new Attendance(this.api);
		String phone = IdNumbers.randomPhone();
		clock.fixClock("2026-03-10T23:59:00+08:00");
		assertThat(send(phone).status()).isEqualTo(202);
		assertThat(quotaRowsOf("2026-03-10")).isEqualTo(1);

		clock.fixClock("2026-03-11T23:59:59+08:00");
		RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteIdleQuotas(2));
		assertThat(quotaRowsOf("2026-03-10")).as("its day was yesterday").isEqualTo(1);

		clock.fixClock("2026-03-12T00:00:00+08:00");
		assertThat(RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteIdleQuotas(2)))
			.isGreaterThanOrEqualTo(1);
		assertThat(quotaRowsOf("2026-03-10")).isZero();

		assertThat(send(phone).status()).isEqualTo(202);
		clock.fixClock("2026-03-12T00:01:00+08:00");
		assertThat(send(phone).status()).isEqualTo(202);
		clock.fixClock("2026-03-12T00:01:30+08:00");
		assertThat(send(phone).code()).isEqualTo("SMS_TOO_FREQUENT");
		clock.fixClock("2026-03-12T00:02:00+08:00");
		assertThat(send(phone).status()).isEqualTo(202);
		clock.fixClock("2026-03-12T00:03:00+08:00");
		assertThat(send(phone).code()).isEqualTo("SMS_DAILY_LIMIT");
		assertThat(quotaRowsOf("2026-03-12")).isEqualTo(1);
	}

	@Test
	void codesAskedWhileTheQuotaRowsAreDeletedAreAllSentOnce() {
		Attendance clock = new Attendance(this.api);
		List<String> phones = IntStream.range(0, 8).mapToObj((i) -> IdNumbers.randomPhone()).toList();
		clock.fixClock("2026-03-20T10:00:00+08:00");
		phones.forEach((phone) -> assertThat(send(phone).status()).isEqualTo(202));

		clock.fixClock("2026-03-22T10:00:00+08:00");
		List<Api.Response> answers = Race.of(9, (i) -> {
			if (i == phones.size()) {
				this.retention.deleteIdleQuotas(1);
				return null;
			}
			return send(phones.get(i));
		});
		assertThat(answers.subList(0, phones.size())).extracting(Api.Response::status).containsOnly(202);
		RetentionRuns.untilNothingIsLeft(() -> this.retention.deleteIdleQuotas(2));
		assertThat(quotaRowsOf("2026-03-22")).isEqualTo(phones.size());
	}

	private Api.Response send(String phone) {
		return this.api.post("/sms-codes", Map.of("phone", phone, "purpose", "RESET_PASSWORD"));
	}

	private long quotaRowsOf(String day) {
		return this.jdbc.sql("SELECT count(*) FROM sms_phone_quota WHERE day = CAST(? AS date)")
			.param(day)
			.query(Long.class)
			.single();
	}

	private long sentThen() {
		return this.jdbc.sql("SELECT count(*) FROM sms_codes WHERE created_at = '2026-02-03T02:00:00Z'")
			.query(Long.class)
			.single();
	}

}
