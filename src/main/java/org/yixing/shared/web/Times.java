package org.yixing.shared.web;

import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.yixing.shared.ApplicationClock;

/**
 * Times and durations as pages show them, in Asia/Shanghai (RULES §11); templates call it
 * as {@code ${@times.dateTime(at)}}.
 */
@Component("times")
public class Times {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ApplicationClock.ZONE);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd")
		.withZone(ApplicationClock.ZONE);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ApplicationClock.ZONE);

	private final MessageSource messages;

	Times(MessageSource messages) {
		this.messages = messages;
	}

	public String dateTime(@Nullable TemporalAccessor at) {
		return (at != null) ? DATE_TIME.format(at) : "";
	}

	public String date(@Nullable TemporalAccessor at) {
		return (at != null) ? DATE.format(at) : "";
	}

	public String time(@Nullable TemporalAccessor at) {
		return (at != null) ? TIME.format(at) : "";
	}

	/** Minutes as hours and minutes, e.g. 2小时5分钟 / 2 h 5 min. */
	public String minutes(long minutes) {
		long hours = minutes / 60;
		long rest = Math.abs(minutes % 60);
		String key = (hours != 0) ? "ui.duration.hm" : "ui.duration.m";
		return this.messages.getMessage(key, new Object[] { hours, rest }, key, LocaleContextHolder.getLocale());
	}

}
