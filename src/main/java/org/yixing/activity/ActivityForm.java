package org.yixing.activity;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.geo.Geofence;
import org.yixing.shared.web.MapSettings;

/**
 * The editor's fields. The fence comes as drawn: in the coordinates of the map's tiles, a
 * centre and radius or the corners as {@code lat,lng;lat,lng;…}.
 */
record ActivityForm(@Nullable String title, @Nullable String description, @Nullable String place,
		@Nullable String leadName, @Nullable String startAt, @Nullable String endAt, @Nullable String fenceType,
		@Nullable Double centerLat, @Nullable Double centerLng, @Nullable Double radiusMeters, @Nullable String points,
		@Nullable String membersOnly, @Nullable Integer capacity, @Nullable Integer checkInOpensMinutesBefore,
		@Nullable Integer checkOutGraceMinutes, @Nullable String requiresInsurance, @Nullable String checkInMode,
		@Nullable Integer reminderMinutes, @Nullable Integer signUpClosesMinutesBefore) {

	/**
	 * 报名截止's choices in the editor, in minutes before the start (none: until the end).
	 */
	static final java.util.List<Integer> SIGN_UP_CLOSES_CHOICES = java.util.List.of(60, 180, 720, 1440, 2880, 4320,
			10080);

	static ActivityForm of(Activity a, MapSettings map) {
		GeofenceJson fence = GeofenceJson.of(map.display(a.geofence()));
		String corners = (fence.points() != null)
				? String.join(";", fence.points().stream().map((p) -> p.lat() + "," + p.lng()).toList()) : "";
		return new ActivityForm(a.title(), a.description(), a.place(), a.leadName(),
				LocalDateTime.ofInstant(a.startAt(), ApplicationClock.ZONE).format(ActivityConsole.LOCAL),
				LocalDateTime.ofInstant(a.endAt(), ApplicationClock.ZONE).format(ActivityConsole.LOCAL), fence.type(),
				(fence.center() != null) ? fence.center().lat() : null,
				(fence.center() != null) ? fence.center().lng() : null, fence.radiusMeters(), corners,
				String.valueOf(a.membersOnly()), a.capacity(), a.checkInOpensMinutesBefore(), a.checkOutGraceMinutes(),
				String.valueOf(a.requiresInsurance()), a.checkInMode().name(), a.reminderMinutes(),
				a.signUpClosesMinutesBefore());
	}

	/** 签到方式; a form without one keeps the sign-in code alone. */
	CheckInMode mode() {
		for (CheckInMode mode : CheckInMode.values()) {
			if (mode.name().equals(this.checkInMode)) {
				return mode;
			}
		}
		if (this.checkInMode == null || this.checkInMode.isBlank()) {
			return CheckInMode.CODE;
		}
		throw DomainException.invalidField("checkInMode", "console.activity.mode.invalid");
	}

	/** A checkbox: absent when not ticked. */
	boolean ticked(@Nullable String value) {
		return "true".equals(value) || "on".equals(value);
	}

	String required(@Nullable String value) {
		return ActivityTexts.title(value);
	}

	/** Stripped; its limit is checked by the service ({@link ActivityTexts}). */
	String text(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

	java.time.Instant instant(@Nullable String local) {
		try {
			return LocalDateTime.parse(String.valueOf(local), ActivityConsole.LOCAL)
				.atZone(ApplicationClock.ZONE)
				.toInstant();
		}
		catch (DateTimeParseException ex) {
			throw DomainException.invalidField("startAt", "activity.time.invalid");
		}
	}

	int minutes(String field, @Nullable Integer value) {
		if (value == null || value < 0 || value > 1440) {
			throw DomainException.invalidField(field, "console.activity.minutes.invalid");
		}
		return value;
	}

	/** 签退提醒 (RULES §13): minutes before the check-out deadline; 0 turns it off. */
	int reminder() {
		return (this.reminderMinutes != null) ? minutes("reminderMinutes", this.reminderMinutes)
				: ActivityController.DEFAULT_REMINDER_MINUTES;
	}

	/** The fence as drawn, converted from the tiles' coordinates to WGS-84. */
	Geofence geofence(MapSettings map) {
		if (this.capacity != null && this.capacity <= 0) {
			throw DomainException.invalidField("capacity", "console.activity.capacity.invalid");
		}
		GeofenceJson drawn;
		if ("POLYGON".equals(this.fenceType)) {
			List<GeofenceJson.LatLng> corners = new ArrayList<>();
			for (String corner : String.valueOf(this.points).split(";")) {
				String[] parts = corner.split(",");
				try {
					if (parts.length == 2) {
						corners.add(new GeofenceJson.LatLng(Double.parseDouble(parts[0].trim()),
								Double.parseDouble(parts[1].trim())));
					}
				}
				catch (NumberFormatException ex) {
					throw DomainException.invalidField("geofence", "geofence.invalid");
				}
			}
			drawn = new GeofenceJson("POLYGON", null, null, corners);
		}
		else {
			drawn = new GeofenceJson("CIRCLE", (this.centerLat != null && this.centerLng != null)
					? new GeofenceJson.LatLng(this.centerLat, this.centerLng) : null, this.radiusMeters, null);
		}
		try {
			return drawn.toGeofence(map.tileCoordinates());
		}
		catch (Geofence.InvalidGeofenceException ex) {
			throw DomainException.invalidField("geofence", "geofence.invalid");
		}
	}

}
