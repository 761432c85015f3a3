package org.yixing.attendance;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.yixing.activity.CheckInActivity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.organization.AdminOnly;
import org.yixing.shared.web.Downloads;
import org.yixing.identity.AuthenticatedAccount;

/**
 * An activity's attendance list for its admins, as JSON and as {@code .xlsx}, and what
 * the volunteers said of it (活动评价).
 */
@RestController
class AttendanceListController {

	private final AttendanceLists lists;

	private final Ratings ratings;

	AttendanceListController(AttendanceLists lists, Ratings ratings) {
		this.lists = lists;
		this.ratings = ratings;
	}

	@AdminOnly
	@GetMapping("/api/v1/activities/{id}/attendance")
	List<AttendanceLists.Attendee> attendance(AuthenticatedAccount caller, @PathVariable UUID id) {
		return this.lists.of(caller, id);
	}

	@AdminOnly
	@GetMapping("/api/v1/activities/{id}/attendance.xlsx")
	ResponseEntity<byte[]> spreadsheet(AuthenticatedAccount caller, @PathVariable UUID id) {
		return xlsx(this.lists, this.lists.administered(caller, id));
	}

	@AdminOnly
	@GetMapping("/api/v1/activities/{id}/ratings")
	Ratings.Summary ratings(AuthenticatedAccount caller, @PathVariable UUID id) {
		return this.ratings.summaryOf(this.lists.administered(caller, id));
	}

	/**
	 * The list as .xlsx, named after the activity and its date, with its sign-up roster
	 * and its waitlist.
	 */
	static ResponseEntity<byte[]> xlsx(AttendanceLists lists, CheckInActivity activity) {
		return Downloads.of(lists.spreadsheet(activity, lists.of(activity)), Downloads.XLSX,
				AttendanceLists.fileName(activity));
	}

}
