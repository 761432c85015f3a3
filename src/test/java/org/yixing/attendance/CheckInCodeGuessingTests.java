package org.yixing.attendance;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in codes are six digits: an account (or an address) that tries unknown codes, at
 * check-in or in the code preview, is stopped with 429 and {@code Retry-After} before any
 * code is looked up, so that a brute force cannot succeed in useful time.
 */
@ApiTest
class CheckInCodeGuessingTests {

	static final String NOW = "2026-11-25T10:05:00+08:00";

	@Autowired
	Api api;

	Attendance attendance;

	Volunteers volunteers;

	String code;

	@BeforeEach
	void anActivityInProgress() {
		this.attendance = new Attendance(this.api);
		this.volunteers = new Volunteers(this.api);
		Organizations organizations = new Organizations(this.api);
		this.attendance.fixClock(NOW);
		String organization = organizations.createTopLevel("猜码协会" + System.nanoTime() % 100_000);
		this.code = this.attendance
			.publish(organization, organizations.staffToken(), "2026-11-25T10:00:00+08:00", "2026-11-25T12:00:00+08:00",
					Map.of("membersOnly", false))
			.field("checkInCode");
	}

	@Test
	void unknownCodesAtCheckInStopTheAccountBeforeAnyCodeIsLookedUp() {
		Volunteers.Registered guesser = this.volunteers.register();
		String device = Attendance.newDevice();
		for (int i = 0; i < CheckInCodeGuesses.PER_ACCOUNT; i++) {
			assertThat(this.attendance.checkIn(guesser.token(), device, wrong(i)).code())
				.isEqualTo("CHECK_IN_CODE_NOT_FOUND");
		}
		// Even the right code is refused now: the answer must not tell right from wrong.
		Api.Response limited = this.attendance.checkIn(guesser.token(), device, this.code);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.code()).isEqualTo("TOO_MANY_REQUESTS");
		long retryAfter = Long.parseLong(limited.header("Retry-After"));
		assertThat(retryAfter).isBetween(1L, CheckInCodeGuesses.WINDOW.toSeconds());
		assertThat(limited.body().path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
		// The preview shares the budget.
		assertThat(this.api.get("/activities/by-code/" + this.code, guesser.token()).status()).isEqualTo(429);
		// Others are not affected; the guesser may check in once the window has passed.
		assertThat(
				this.attendance.checkIn(this.volunteers.register().token(), Attendance.newDevice(), this.code).status())
			.isEqualTo(201);
		this.attendance.fixClock("2026-11-25T10:10:00+08:00");
		assertThat(this.attendance.checkIn(guesser.token(), device, this.code).status()).isEqualTo(201);
	}

	@Test
	void manyAccountsFromOneAddressAreStoppedTogether() {
		// A window of its own, whatever ran before in this class.
		this.attendance.fixClock("2026-11-25T11:05:00+08:00");
		int guessed = 0;
		while (guessed < CheckInCodeGuesses.PER_ADDRESS) {
			Volunteers.Registered sock = this.volunteers.register();
			for (int i = 0; i < CheckInCodeGuesses.PER_ACCOUNT && guessed < CheckInCodeGuesses.PER_ADDRESS; i++) {
				assertThat(this.api.get("/activities/by-code/" + wrong(guessed), sock.token()).code())
					.isEqualTo("CHECK_IN_CODE_NOT_FOUND");
				guessed++;
			}
		}
		Api.Response fresh = this.attendance.checkIn(this.volunteers.register().token(), Attendance.newDevice(),
				this.code);
		assertThat(fresh.status()).isEqualTo(429);
		assertThat(fresh.header("Retry-After")).isNotBlank();
	}

	/**
	 * The arithmetic the limit rests on: at the allowed rate, finding one given code
	 * among 10⁶ takes one account half a year on average, and even 200 accounts behind
	 * one address need a day — longer than any activity's check-in window.
	 */
	@Test
	void aBruteForceAtTheAllowedRateTakesLongerThanAnyCheckInWindow() {
		double codes = 1_000_000;
		double expectedGuesses = codes / 2;
		Duration perAccount = CheckInCodeGuesses.WINDOW
			.multipliedBy((long) Math.ceil(expectedGuesses / CheckInCodeGuesses.PER_ACCOUNT));
		Duration perAddress = CheckInCodeGuesses.WINDOW
			.multipliedBy((long) Math.ceil(expectedGuesses / CheckInCodeGuesses.PER_ADDRESS));
		assertThat(perAccount).isGreaterThan(Duration.ofDays(150));
		assertThat(perAddress).isGreaterThan(Duration.ofHours(24));
	}

	private String wrong(int i) {
		String guess = String.format("%06d", 100_000 + i);
		return guess.equals(this.code) ? String.format("%06d", 900_000 + i) : guess;
	}

}
