package org.yixing.notice;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.yixing.attendance.SessionVoided;
import org.yixing.attendance.SignedUpByOrganizer;
import org.yixing.face.FaceReenrolmentFlagged;
import org.yixing.hours.MakeupRequestDecided;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.organization.MembershipDecided;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;

/**
 * Tells volunteers what was decided on their requests (RULES §4, §8), and admins which
 * volunteers must enrol their face again (RULES §7). Each notice once, however often its
 * event is delivered (Spring Modulith delivers an unfinished one again).
 */
@Component
class NoticesFromDecisions {

	private static final java.time.format.DateTimeFormatter START = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm");

	private final Notices notices;

	private final OrganizationDirectory organizations;

	private final AccountDirectory accounts;

	NoticesFromDecisions(Notices notices, OrganizationDirectory organizations, AccountDirectory accounts) {
		this.accounts = accounts;
		this.notices = notices;
		this.organizations = organizations;
	}

	@ApplicationModuleListener
	void on(MembershipDecided decided) {
		this.notices.add(decided.accountId().value(),
				decided.approved() ? "MEMBERSHIP_APPROVED" : "MEMBERSHIP_REJECTED", decided.organizationName(),
				(decided.reason() != null) ? decided.reason() : "", "/organizations/mine",
				(decided.eventId() != null) ? "membership:" + decided.eventId() : null);
	}

	/**
	 * A volunteer's face must be enrolled again (RULES §7): the organization's admins
	 * hear of it, and so does the volunteer.
	 */
	@ApplicationModuleListener
	void on(FaceReenrolmentFlagged flagged) {
		String volunteer = this.accounts.find(new AccountId(flagged.accountId()))
			.map(AccountDirectory.AccountSummary::realName)
			.orElse("");
		// One notice per flag to each one told, however often it is delivered.
		String source = "face:" + flagged.reason() + ":" + flagged.accountId() + ":" + flagged.at();
		if (flagged.organizationId() != null) {
			OrganizationId organization = new OrganizationId(flagged.organizationId());
			String name = this.organizations.find(organization)
				.map(OrganizationDirectory.OrganizationSummary::name)
				.orElse("");
			for (AccountId admin : this.organizations.adminsOf(organization)) {
				this.notices.add(admin.value(), "FACE_REENROLMENT_" + flagged.reason(), volunteer, name,
						"/admin/organizations/" + organization.value() + "/face-reenrolments", source);
			}
		}
		if ("MISMATCHES".equals(flagged.reason())) {
			this.notices.add(flagged.accountId(), "FACE_REENROLL_REQUIRED", volunteer, "", "/me/face", source);
		}
	}

	/** 代报名 (RULES §5): an admin signed the volunteer up, or took the sign-up away. */
	@ApplicationModuleListener
	void on(SignedUpByOrganizer signedUp) {
		this.notices.add(signedUp.accountId(),
				signedUp.removed() ? "SIGN_UP_REMOVED_BY_ORGANIZER" : "SIGNED_UP_BY_ORGANIZER", signedUp.title(),
				START.format(ApplicationClock.local(signedUp.startAt()).toLocalDateTime()),
				"/activities/" + signedUp.activityId().value(),
				(signedUp.eventId() != null) ? "sign-up:" + signedUp.eventId() : null);
	}

	/** An admin voided the volunteer's open session (RULES §12): the notice gives why. */
	@ApplicationModuleListener
	void on(SessionVoided voided) {
		this.notices.add(voided.accountId(), "SESSION_VOIDED", voided.activityTitle(), voided.reason(), "/me/sessions",
				"void:" + voided.sessionId());
	}

	@ApplicationModuleListener
	void on(MakeupRequestDecided decided) {
		String organization = this.organizations.find(new OrganizationId(decided.organizationId()))
			.map(OrganizationDirectory.OrganizationSummary::name)
			.orElse("");
		this.notices.add(decided.accountId(), decided.approved() ? "MAKEUP_APPROVED" : "MAKEUP_REJECTED", organization,
				decided.approved() ? String.valueOf(decided.minutes())
						: ((decided.reason() != null) ? decided.reason() : ""),
				"/me/hours", "makeup:" + decided.requestId());
	}

}
