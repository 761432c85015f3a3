package org.yixing.attendance;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.shared.web.PageController;

/**
 * 扫码签到 in the console (RULES §12), sized for the organizer's phone: the camera reads the
 * volunteers' personal codes, each scan is kept on the phone (IndexedDB) and shown at
 * once with the name from the roster, and uploaded by the same service as {@code POST
 * /api/v1/activities/{id}/scans}: at once when online, later when not.
 */
@PageController
class ScanPages {

	private final AttendanceLists lists;

	private final ScanController api;

	private final OrganizationDirectory organizations;

	ScanPages(AttendanceLists lists, ScanController api, OrganizationDirectory organizations) {
		this.lists = lists;
		this.api = api;
		this.organizations = organizations;
	}

	@GetMapping("/admin/activities/{id}/scan")
	String page(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		CheckInActivity activity = this.lists.administered(me, id);
		model.addAttribute("activity", activity);
		model.addAttribute("consoleOrganization", this.organizations.find(activity.organizationId()).orElseThrow());
		return "attendance/console/scan";
	}

	@GetMapping("/admin/activities/{id}/scan/roster")
	@ResponseBody
	List<ScanController.RosterEntry> roster(AuthenticatedAccount me, @PathVariable UUID id) {
		return this.api.roster(me, id);
	}

	@PostMapping("/admin/activities/{id}/scan/uploads")
	@ResponseBody
	ScanController.ScanResults upload(AuthenticatedAccount me, @PathVariable UUID id,
			@Valid @RequestBody ScanController.ScanBatch batch, Locale locale) {
		return new ScanController.ScanResults(this.api.results(me, id, batch, locale));
	}

}
