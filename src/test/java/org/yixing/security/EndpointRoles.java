package org.yixing.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.yixing.test.Api;
import org.yixing.test.Organizations;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

/**
 * Who may call each operation of the API: the one table the role matrix and the fuzz test
 * read. An operation in the OpenAPI document without a row here fails the build.
 */
final class EndpointRoles {

	enum Role {

		/** Anyone, signed in or not. */
		PUBLIC,
		/** Any signed-in account. */
		SIGNED_IN,
		/** Organization admins and staff (the scope is the service's business). */
		ADMIN,
		/** Platform staff. */
		STAFF

	}

	enum Caller {

		ANONYMOUS, VOLUNTEER, ADMIN, STAFF

	}

	static final Map<String, Role> MATRIX = new LinkedHashMap<>();

	static {
		public_("POST /api/v1/accounts", "POST /api/v1/auth/token", "GET /api/v1/agreements/current",
				"GET /api/v1/activities/{id}", "GET /api/v1/organizations", "GET /api/v1/organizations/{id}",
				"GET /api/v1/organizations/{id}/activities", "POST /api/v1/password-resets/id-photo",
				"GET /api/v1/password-resets/id-photo/{id}", "GET /api/v1/password-resets/security-question",
				"POST /api/v1/password-resets/security-question",
				"POST /api/v1/password-resets/security-question/lookup", "POST /api/v1/password-resets/sms",
				"GET /api/v1/regions", "POST /api/v1/sms-codes",
				// dev tools: only with YIXING_DEV_TOOLS=true, as in these tests
				"GET /api/v1/dev/clock", "PUT /api/v1/dev/clock", "DELETE /api/v1/dev/clock",
				"GET /api/v1/dev/sms-outbox", "POST /api/v1/dev/reminders/run", "GET /api/v1/certificates/{code}",
				"GET /api/v1/face/consent");
		// The products shown depend on the caller's organizations (eligibility).
		signedIn("GET /api/v1/insurance-products", "DELETE /api/v1/auth/token", "GET /api/v1/me", "DELETE /api/v1/me",
				"GET /api/v1/me/export", "GET /api/v1/me/activities", "GET /api/v1/activities/{id}/messages",
				"GET /api/v1/organizations/{id}/announcements", "DELETE /api/v1/me/campus-identities/{organizationId}",
				"PUT /api/v1/me/face", "GET /api/v1/me/face", "DELETE /api/v1/me/face", "GET /api/v1/me/hours",
				"GET /api/v1/me/hours/entries", "GET /api/v1/me/makeup-requests", "POST /api/v1/me/makeup-requests",
				"GET /api/v1/me/membership-requests", "GET /api/v1/me/notices", "GET /api/v1/me/organizations",
				"PUT /api/v1/me/password", "PUT /api/v1/me/phone", "GET /api/v1/me/policies",
				"PUT /api/v1/me/security-question", "GET /api/v1/me/sessions", "GET /api/v1/me/no-shows",
				"GET /api/v1/activities/by-code/{code}", "POST /api/v1/activities/{id}/sign-up",
				"DELETE /api/v1/activities/{id}/sign-up", "POST /api/v1/activities/{id}/waitlist",
				"DELETE /api/v1/activities/{id}/waitlist", "POST /api/v1/check-ins",
				"POST /api/v1/check-ins/{sessionId}/check-out", "POST /api/v1/check-ins/{sessionId}/rating",
				"POST /api/v1/evidence", "GET /api/v1/evidence/{id}", "POST /api/v1/insurance-products/{id}/claims",
				"POST /api/v1/organizations/{id}/membership-requests",
				"DELETE /api/v1/organizations/{id}/members/{accountId}", "GET /api/v1/me/certificate.pdf",
				"POST /api/v1/me/presence-key", "DELETE /api/v1/me/presence-key", "GET /api/v1/me/settings",
				"PUT /api/v1/me/settings");
		admin("PATCH /api/v1/activities/{id}", "GET /api/v1/activities/{id}/attendance",
				"GET /api/v1/activities/{id}/attendance.xlsx", "GET /api/v1/activities/{id}/ratings",
				"POST /api/v1/activities/{id}/check-in-code", "POST /api/v1/activities/{id}/cancel",
				"POST /api/v1/activities/{id}/weekly-copies", "POST /api/v1/activities/{id}/messages",
				"POST /api/v1/organizations/{id}/announcements", "GET /api/v1/activities/{id}/sign-ups",
				"GET /api/v1/activities/{id}/waitlist", "POST /api/v1/activities/{id}/sign-ups",
				"POST /api/v1/activities/{id}/sign-ups/batch", "DELETE /api/v1/activities/{id}/sign-ups/{accountId}",
				"POST /api/v1/makeup-requests/{id}/approve", "POST /api/v1/makeup-requests/{id}/reject",
				"POST /api/v1/membership-requests/{id}/approve", "POST /api/v1/membership-requests/{id}/reject",
				"POST /api/v1/organizations", "PATCH /api/v1/organizations/{id}", "DELETE /api/v1/organizations/{id}",
				"POST /api/v1/organizations/{id}/move", "POST /api/v1/organizations/{id}/activities",
				"PUT /api/v1/organizations/{id}/admins/{accountId}",
				"DELETE /api/v1/organizations/{id}/admins/{accountId}", "POST /api/v1/organizations/{id}/honor-hours",
				"GET /api/v1/organizations/{id}/makeup-requests", "GET /api/v1/organizations/{id}/members",
				"POST /api/v1/organizations/{id}/members", "POST /api/v1/organizations/{id}/members/batch",
				"GET /api/v1/organizations/{id}/membership-requests", "GET /api/v1/organizations/{id}/rankings",
				"GET /api/v1/organizations/{id}/rankings.xlsx", "GET /api/v1/organizations/{id}/top-volunteers",
				"GET /api/v1/organizations/{id}/top-volunteers.xlsx",
				"GET /api/v1/organizations/{id}/second-classroom-rule",
				"PUT /api/v1/organizations/{id}/second-classroom-rule",
				"GET /api/v1/organizations/{id}/second-classroom-credits",
				"GET /api/v1/organizations/{id}/second-classroom-credits.xlsx",
				"GET /api/v1/organizations/{id}/service-records.xlsx",
				"GET /api/v1/organizations/{id}/service-records.csv",
				"GET /api/v1/organizations/{id}/face-reenrolments", "POST /api/v1/activities/{id}/manual-check-ins",
				"POST /api/v1/activities/{id}/manual-check-outs", "GET /api/v1/activities/{id}/check-in-qr",
				"POST /api/v1/activities/{id}/scans", "GET /api/v1/activities/{id}/roster",
				"POST /api/v1/check-ins/{sessionId}/void");
		staff("POST /api/v1/admin/account-imports", "POST /api/v1/admin/account-import-jobs",
				"GET /api/v1/admin/account-import-jobs/{id}", "GET /api/v1/admin/device-bindings",
				"DELETE /api/v1/admin/device-bindings/{deviceId}", "GET /api/v1/admin/id-photo-reviews",
				"POST /api/v1/admin/id-photo-reviews/{id}/approve", "GET /api/v1/admin/id-photo-reviews/{id}/photo",
				"POST /api/v1/admin/id-photo-reviews/{id}/reject", "POST /api/v1/admin/insurance-products",
				"GET /api/v1/admin/pii-key", "POST /api/v1/admin/pii-key/re-encryption", "POST /api/v1/admin/backups",
				"GET /api/v1/admin/backups", "PUT /api/v1/organizations/{id}/campus-sign-on",
				"GET /api/v1/organizations/{id}/campus-sign-on");
	}

	private EndpointRoles() {
	}

	private static void public_(String... operations) {
		put(Role.PUBLIC, operations);
	}

	private static void signedIn(String... operations) {
		put(Role.SIGNED_IN, operations);
	}

	private static void admin(String... operations) {
		put(Role.ADMIN, operations);
	}

	private static void staff(String... operations) {
		put(Role.STAFF, operations);
	}

	private static void put(Role role, String... operations) {
		for (String operation : operations) {
			if (MATRIX.put(operation, role) != null) {
				throw new IllegalStateException("Two rows for " + operation);
			}
		}
	}

	/** Whether anyone may call the operation ("METHOD path"), signed in or not. */
	static boolean isPublic(String operation) {
		return MATRIX.get(operation) == Role.PUBLIC;
	}

	/** Whether {@code caller} holds {@code role}. */
	static boolean holds(Caller caller, Role role) {
		return switch (role) {
			case PUBLIC -> true;
			case SIGNED_IN -> caller != Caller.ANONYMOUS;
			case ADMIN -> caller == Caller.ADMIN || caller == Caller.STAFF;
			case STAFF -> caller == Caller.STAFF;
		};
	}

	/** "METHOD path" of every operation in the document. */
	static java.util.List<String> operations(JsonNode document) {
		java.util.List<String> operations = new java.util.ArrayList<>();
		for (var path : document.path("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
			}
		}
		return operations;
	}

	/** A path with its variables filled by unknown but well-formed values. */
	static String fill(String template) {
		return template.replace("{code}", "987654")
			.replace("{deviceId}", "unknown-device")
			.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
	}

	/** One token per caller; the admin administers an organization of its own. */
	record Tokens(@Nullable String volunteer, String admin, String staff) {

		static Tokens create(Api api) {
			Volunteers volunteers = new Volunteers(api);
			Organizations organizations = new Organizations(api);
			Volunteers.Registered volunteer = volunteers.register();
			Volunteers.Registered admin = volunteers.register();
			String organization = organizations.createTopLevel("矩阵协会-" + UUID.randomUUID());
			organizations.makeAdmin(organization, admin.id());
			return new Tokens(volunteer.token(), admin.token(), volunteers.login(Staff.ID_NUMBER, Staff.PASSWORD));
		}

		@Nullable String of(Caller caller) {
			return switch (caller) {
				case ANONYMOUS -> null;
				case VOLUNTEER -> this.volunteer;
				case ADMIN -> this.admin;
				case STAFF -> this.staff;
			};
		}

	}

}
