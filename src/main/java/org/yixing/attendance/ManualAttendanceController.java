package org.yixing.attendance;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.AdminOnly;
import org.yixing.shared.ApplicationClock;

/** The non-face route: an admin on site checks a volunteer in or out by hand. */
@RestController
@RequestMapping("/api/v1")
class ManualAttendanceController {

	private final ManualAttendance manual;

	ManualAttendanceController(ManualAttendance manual) {
		this.manual = manual;
	}

	@AdminOnly
	@PostMapping("/activities/{id}/manual-check-ins")
	@ResponseStatus(HttpStatus.CREATED)
	ManualCheckIn checkIn(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody ManualBody body) {
		CheckIns.CheckedIn checkedIn = this.manual.checkIn(caller, id, body.who(), body.reason());
		Session s = checkedIn.session();
		return new ManualCheckIn(s.id().toString(), s.activityId().toString(), s.accountId().toString(),
				checkedIn.activityTitle(), ApplicationClock.local(s.checkedInAt()), SessionStatus.OPEN, "MANUAL");
	}

	@AdminOnly
	@PostMapping("/activities/{id}/manual-check-outs")
	ManualCheckOut checkOut(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody ManualBody body) {
		Session s = this.manual.checkOut(caller, id, body.who(), body.reason());
		return new ManualCheckOut(s.id().toString(), s.accountId().toString(), ApplicationClock.local(s.checkedInAt()),
				(s.checkedOutAt() != null) ? ApplicationClock.local(s.checkedOutAt()) : null, s.creditMinutes(),
				SessionStatus.COMPLETED, s.method());
	}

	/**
	 * @param accountId the volunteer's account, or
	 * @param idNumber their resident ID number, as read from their card
	 * @param reason why by hand (e.g. 手机没电, 不同意人脸识别), 1–200 characters
	 */
	record ManualBody(@Nullable UUID accountId, @Nullable @Size(max = 18) String idNumber,
			@NotBlank @Size(max = 200) String reason) {

		ManualAttendance.Who who() {
			return new ManualAttendance.Who(this.accountId, this.idNumber);
		}

	}

	record ManualCheckIn(String sessionId, String activityId, String accountId, String activityTitle,
			OffsetDateTime checkedInAt, SessionStatus status, String method) {
	}

	/**
	 * @param method how the session was opened: QUICK, FACE or MANUAL
	 */
	record ManualCheckOut(String sessionId, String accountId, OffsetDateTime checkedInAt,
			@Nullable OffsetDateTime checkedOutAt, int creditMinutes, SessionStatus status, String method) {
	}

}
