package org.yixing.attendance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * An activity as an iCalendar event (RFC 5545), for 添加到日历: a phone's calendar opens the
 * file and keeps the time, the place and an alarm an hour before. Times are UTC, text is
 * escaped, and lines are folded at 75 octets without splitting a character.
 */
final class CalendarFile {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final int LINE_OCTETS = 75;

	private CalendarFile() {
	}

	/**
	 * @param uid stays the same for the activity, so a second download updates the event
	 * @param cancelled the event is marked cancelled (取消活动)
	 */
	static String event(String uid, Instant stamp, Instant start, Instant end, String summary, String location,
			String description, String url, boolean cancelled) {
		StringBuilder out = new StringBuilder();
		line(out, "BEGIN:VCALENDAR");
		line(out, "VERSION:2.0");
		line(out, "PRODID:-//Yixing//Volunteer app//ZH");
		line(out, "CALSCALE:GREGORIAN");
		line(out, "METHOD:PUBLISH");
		line(out, "BEGIN:VEVENT");
		line(out, "UID:" + text(uid));
		line(out, "DTSTAMP:" + UTC.format(stamp.truncatedTo(ChronoUnit.SECONDS)));
		line(out, "DTSTART:" + UTC.format(start.truncatedTo(ChronoUnit.SECONDS)));
		line(out, "DTEND:" + UTC.format(end.truncatedTo(ChronoUnit.SECONDS)));
		line(out, "SUMMARY:" + text(summary));
		if (!location.isBlank()) {
			line(out, "LOCATION:" + text(location));
		}
		line(out, "DESCRIPTION:" + text(description));
		line(out, "URL:" + url);
		line(out, "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
		if (!cancelled) {
			line(out, "BEGIN:VALARM");
			line(out, "TRIGGER:-PT1H");
			line(out, "ACTION:DISPLAY");
			line(out, "DESCRIPTION:" + text(summary));
			line(out, "END:VALARM");
		}
		line(out, "END:VEVENT");
		line(out, "END:VCALENDAR");
		return out.toString();
	}

	/**
	 * TEXT as RFC 5545 §3.3.11 writes it: backslash, semicolon, comma and line breaks
	 * escaped.
	 */
	static String text(String value) {
		return value.replace("\\", "\\\\")
			.replace(";", "\\;")
			.replace(",", "\\,")
			.replace("\r\n", "\\n")
			.replace("\n", "\\n")
			.replace("\r", "\\n");
	}

	/** Appends a content line, folded at 75 octets (§3.1) on a character's boundary. */
	static void line(StringBuilder out, String content) {
		int octets = 0;
		int limit = LINE_OCTETS;
		for (int i = 0; i < content.length();) {
			int codePoint = content.codePointAt(i);
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (octets + size > limit) {
				out.append("\r\n ");
				octets = 0;
				// A continuation line begins with the space, which counts.
				limit = LINE_OCTETS - 1;
			}
			out.appendCodePoint(codePoint);
			octets += size;
			i += Character.charCount(codePoint);
		}
		out.append("\r\n");
	}

}
