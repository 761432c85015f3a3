package org.yixing.attendance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.web.PageFeedback;

/**
 * The evidence of a session's risk signals in words for its admins: the reported
 * accuracy, who stood at the same coordinates, how far and how fast since the previous
 * position.
 */
@Component
class RiskEvidence {

	private final AccountDirectory accounts;

	private final PageFeedback feedback;

	RiskEvidence(AccountDirectory accounts, PageFeedback feedback) {
		this.accounts = accounts;
		this.feedback = feedback;
	}

	List<Line> describe(List<?> evidence) {
		return evidence.stream().filter(Map.class::isInstance).map((e) -> line((Map<?, ?>) e)).toList();
	}

	private Line line(Map<?, ?> e) {
		String signal = String.valueOf(e.get("signal"));
		String at = String.valueOf(e.get("at"));
		String key = "console.risk.detail." + signal;
		String detail = switch (signal) {
			case "ACCURACY_POOR" -> this.feedback.text(key, e.get("accuracyMeters"));
			case "SAME_POSITION" -> {
				AccountDirectory.AccountSummary other = this.accounts
					.find(new AccountId(UUID.fromString(String.valueOf(e.get("otherAccountId")))))
					.orElse(null);
				yield this.feedback.text(key, (other != null) ? other.realName() : "?",
						(other != null) ? other.idNumberMasked() : "");
			}
			case "IMPOSSIBLE_TRAVEL" -> this.feedback.text(key, e.get("distanceKm"), e.get("speedKmh"),
					ApplicationClock.local(Instant.parse(String.valueOf(e.get("since"))))
						.toLocalDateTime()
						.toString()
						.replace('T', ' '));
			case "DESKTOP" -> this.feedback.text(key, (e.get("userAgent") != null) ? e.get("userAgent") : "—");
			default -> this.feedback.text(key);
		};
		return new Line(signal, at, detail);
	}

	record Line(String signal, String at, String detail) {
	}

}
