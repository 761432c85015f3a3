package org.yixing.organization;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;

/** 组织公告 (RULES §4, docs/API.md). */
@RestController
@RequestMapping("/api/v1")
class AnnouncementController {

	/** What the API lists at most, newest first. */
	static final int LISTED = 100;

	private final OrganizationAnnouncements announcements;

	AnnouncementController(OrganizationAnnouncements announcements) {
		this.announcements = announcements;
	}

	/**
	 * An announcement to the members of the organization and of every organization below
	 * it, each told by a notice; at most {@value OrganizationAnnouncements#DAILY_MAX} a
	 * day.
	 */
	@AdminOnly
	@PostMapping("/organizations/{id}/announcements")
	@ResponseStatus(HttpStatus.CREATED)
	OrganizationAnnouncements.Announcement send(AuthenticatedAccount caller, @PathVariable UUID id,
			@Valid @RequestBody NewAnnouncement request) {
		return this.announcements.send(caller, new OrganizationId(id), request.text());
	}

	/**
	 * The organization's announcements, newest first (at most {@value #LISTED}): for its
	 * admins and for the members of it or of an organization below it.
	 */
	@GetMapping("/organizations/{id}/announcements")
	List<OrganizationAnnouncements.Announcement> list(AuthenticatedAccount caller, @PathVariable UUID id) {
		return this.announcements.of(caller, new OrganizationId(id), LISTED);
	}

	/**
	 * @param text what the members are told (1–500 characters)
	 */
	record NewAnnouncement(@NotBlank @Size(max = OrganizationAnnouncements.TEXT_MAX) String text) {
	}

}
