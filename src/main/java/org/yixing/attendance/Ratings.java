package org.yixing.attendance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;

/**
 * After check-out a volunteer may rate the activity once (RULES §6): 1–5 stars and a
 * comment of at most 500 characters, checked here for the API and the page alike.
 */
@Service
class Ratings {

	static final int MIN_STARS = 1;

	static final int MAX_STARS = 5;

	static final int MAX_COMMENT = 500;

	private final Sessions sessions;

	private final Clock clock;

	private final SessionLists lists;

	Ratings(Sessions sessions, Clock clock, SessionLists lists) {
		this.lists = lists;
		this.sessions = sessions;
		this.clock = clock;
	}

	/**
	 * Stars outside 1–5 or a comment over 500 characters → {@code VALIDATION_FAILED}
	 * naming the field (never cut short).
	 */
	Rating rate(AuthenticatedAccount caller, UUID sessionId, @Nullable Integer stars, @Nullable String rawComment) {
		if (stars == null || stars < MIN_STARS || stars > MAX_STARS) {
			throw DomainException.invalidField("stars", "ui.rating.stars");
		}
		String comment = (rawComment != null) ? rawComment.strip() : "";
		if (comment.length() > MAX_COMMENT) {
			throw DomainException.invalidField("comment", "ui.rating.comment.tooLong");
		}
		Session session = this.sessions.find(sessionId)
			.filter((s) -> s.accountId().equals(caller.id().value()))
			.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND));
		if (session.status() != SessionStatus.COMPLETED) {
			throw new DomainException(ErrorCode.SESSION_NOT_COMPLETED);
		}
		Instant now = this.clock.instant();
		if (!this.lists.rate(sessionId, stars, comment, now)) {
			throw new DomainException(ErrorCode.ALREADY_RATED);
		}
		return new Rating(sessionId.toString(), stars, comment, now);
	}

	/**
	 * What the volunteers said of an activity, for its admins (活动评价, RULES §6): how many
	 * rated it, the average to a tenth of a star, how many gave each of 1–5 stars, and
	 * the comments, newest first, without the names (the attendance list has each
	 * volunteer's stars; the comments speak of the activity).
	 */
	Summary summaryOf(CheckInActivity activity) {
		List<Comment> all = this.lists.ratingsOf(activity.id().value());
		int[] byStars = new int[MAX_STARS];
		int sum = 0;
		for (Comment rating : all) {
			byStars[rating.stars() - 1]++;
			sum += rating.stars();
		}
		BigDecimal average = all.isEmpty() ? null
				: BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(all.size()), 1, RoundingMode.HALF_UP);
		return new Summary(all.size(), average, Arrays.stream(byStars).boxed().toList(),
				all.stream().filter((c) -> !c.comment().isEmpty()).toList());
	}

	record Rating(String sessionId, int stars, String comment, Instant ratedAt) {
	}

	/**
	 * @param averageStars to a tenth, {@code null} before anyone rated
	 * @param stars how many gave 1, 2, 3, 4 and 5 stars
	 * @param comments the ratings with a comment, newest first
	 */
	record Summary(int count, @Nullable BigDecimal averageStars, List<Integer> stars, List<Comment> comments) {
	}

	record Comment(int stars, String comment, OffsetDateTime ratedAt) {
	}

	/** An activity's average to a tenth of a star, of {@code count} ratings. */
	record Average(BigDecimal stars, int count) {
	}

}
