package org.yixing.attendance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** 添加到日历: the iCalendar file's lines (RFC 5545 §3.1) and text (§3.3.11). */
class CalendarFileProperties {

	/**
	 * Characters a title or a place is made of: ASCII, CJK, an emoji, and the escaped
	 * ones.
	 */
	private static final String[] PIECES = { "a", "Z", "7", " ", "东", "湖", "绿", "道", "，", "😀", ",", ";", "\\", "\n",
			"\r\n", ":" };

	@Test
	void everyLineIsFoldedAtMost75OctetsWithoutSplittingACharacterAndUnfoldsToItsContent() {
		qt().withExamples(2000)
			.forAll(lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 300))
			.checkAssert((picks) -> {
				StringBuilder value = new StringBuilder();
				picks.forEach((i) -> value.append(PIECES[i]));
				String content = "SUMMARY:" + CalendarFile.text(value.toString());
				StringBuilder out = new StringBuilder();
				CalendarFile.line(out, content);
				String folded = out.toString();
				assertThat(folded).endsWith("\r\n");
				for (String physical : folded.substring(0, folded.length() - 2).split("\r\n", -1)) {
					assertThat(physical.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
					assertThat(physical).doesNotContain("\n").doesNotContain("\r");
					assertThat(Character.isLowSurrogate(physical.isEmpty() ? 'a' : physical.charAt(0))).isFalse();
				}
				String unfolded = folded.substring(0, folded.length() - 2).replace("\r\n ", "");
				assertThat(unfolded).isEqualTo(content);
				assertThat(unescape(unfolded.substring("SUMMARY:".length())))
					.isEqualTo(value.toString().replace("\r\n", "\n"));
			});
	}

	@Test
	void anEventHasItsTimesInUtcAnAlarmAndSaysWhenItWasCancelled() {
		String file = CalendarFile.event("a1@yixing", Instant.parse("2026-12-05T00:00:00Z"),
				Instant.parse("2026-12-06T01:00:00Z"), Instant.parse("2026-12-06T03:30:00Z"), "东湖绿道清洁, 第2期", "东湖绿道",
				"会计学院志愿者协会\n签到", "https://yixing.example.edu.cn/activities/a1", false);
		assertThat(file).startsWith("BEGIN:VCALENDAR\r\n")
			.endsWith("END:VCALENDAR\r\n")
			.contains("\r\nDTSTART:20261206T010000Z\r\n")
			.contains("\r\nDTEND:20261206T033000Z\r\n")
			.contains("\r\nSUMMARY:东湖绿道清洁\\, 第2期\r\n")
			.contains("\r\nDESCRIPTION:会计学院志愿者协会\\n签到\r\n")
			.contains("TRIGGER:-PT1H")
			.contains("STATUS:CONFIRMED");
		String cancelled = CalendarFile.event("a1@yixing", Instant.parse("2026-12-05T00:00:00Z"),
				Instant.parse("2026-12-06T01:00:00Z"), Instant.parse("2026-12-06T03:30:00Z"), "东湖绿道清洁", "", "",
				"https://yixing.example.edu.cn/activities/a1", true);
		assertThat(cancelled).contains("STATUS:CANCELLED").doesNotContain("VALARM").doesNotContain("LOCATION");
	}

	private static String unescape(String text) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(++i);
				out.append((next == 'n') ? '\n' : next);
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
