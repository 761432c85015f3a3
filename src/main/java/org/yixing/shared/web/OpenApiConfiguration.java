package org.yixing.shared.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document a university's IT office points a client generator at: one tag per
 * capability (the English name; the Chinese one describes it), an operationId per
 * operation that is unique and stable, and each operation's own security (see
 * {@code identity.SecurityConfiguration}: public operations declare none).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/** Each controller's capability: the tag's name and its description. */
	static final Map<String, Tag> TAGS = new LinkedHashMap<>();

	static {
		tag("Accounts", "账号：注册、登录、我的信息", "AccountController");
		tag("Recovery", "找回密码：短信、密保问题、手持身份证照片", "RecoveryController");
		tag("SMS codes", "短信验证码", "SmsCodeController");
		tag("Regions", "地区（GB/T 2260）", "RegionController");
		tag("Organizations", "组织与组织公告", "OrganizationController", "AnnouncementController");
		tag("Memberships", "成员与入会申请", "MembershipController");
		tag("Activities", "活动", "ActivityController", "VolunteerActivityController", "OrganizerSignUpController");
		tag("Check-in", "签到与签退", "CheckInController", "ManualAttendanceController", "ScanController",
				"DeviceBindingController");
		tag("Attendance", "签到记录（考勤）", "AttendanceListController");
		tag("Presence", "我的签到码", "PresenceKeyController");
		tag("Face", "人脸识别", "FaceController");
		tag("Hours", "时数、工时补录与益币", "HoursController");
		tag("Insurance", "保险", "InsuranceController");
		tag("Reports", "排行、第二课堂与志愿服务记录导出", "RankingController", "ExportController");
		tag("Certificates", "志愿服务记录证明", "CertificateController");
		tag("Notices", "我的消息", "NoticeController");
		tag("Reminders", "提醒与我的设置", "ReminderSettingsController");
		tag("Privacy", "个人信息权利：导出与注销", "PrivacyController");
		tag("Platform", "平台管理：证件照审核、名册导入、密钥", "AdminAccountController", "PiiKeyController");
		tag("Backups", "备份", "BackupController");
		tag("Campus sign-on", "统一身份认证：连接高校、解除关联", "CampusSignOnController");
		tag("Dev tools", "开发工具（仅 YIXING_DEV_TOOLS=true）", "DevClockController", "DevSmsOutboxController",
				"DevReminderController");
	}

	/**
	 * Operation ids where a handler's method name alone would collide or say too little,
	 * by {@code Controller.method}; every other operation is named after its method.
	 */
	static final Map<String, String> OPERATION_IDS = Map.ofEntries(Map.entry("AccountController.me", "getMe"),
			Map.entry("CampusSignOnController.connect", "connectCampusSignOn"),
			Map.entry("CampusSignOnController.connection", "getCampusSignOn"),
			Map.entry("CampusSignOnController.unlink", "unlinkCampusIdentity"),
			Map.entry("ActivityController.get", "getActivity"),
			Map.entry("ActivityController.publish", "publishActivity"),
			Map.entry("ActivityController.edit", "editActivity"),
			Map.entry("ActivityController.ofOrganization", "listOrganizationActivities"),
			Map.entry("ActivityController.regenerate", "regenerateCheckInCode"),
			Map.entry("ActivityController.checkInQr", "getCheckInQr"),
			Map.entry("ActivityController.cancel", "cancelActivity"),
			Map.entry("ActivityController.copyWeekly", "copyActivityWeekly"),
			Map.entry("OrganizerSignUpController.roster", "listSignUps"),
			Map.entry("OrganizerSignUpController.waitlist", "listWaitlist"),
			Map.entry("OrganizerSignUpController.signUp", "signUpVolunteer"),
			Map.entry("OrganizerSignUpController.signUpAll", "signUpVolunteers"),
			Map.entry("OrganizerSignUpController.remove", "removeSignUp"),
			Map.entry("ActivityController.sendMessage", "sendActivityMessage"),
			Map.entry("ActivityController.messages", "listActivityMessages"),
			Map.entry("AnnouncementController.send", "sendOrganizationAnnouncement"),
			Map.entry("AnnouncementController.list", "listOrganizationAnnouncements"),
			Map.entry("AdminAccountController.approve", "approveIdPhotoReview"),
			Map.entry("AdminAccountController.reject", "rejectIdPhotoReview"),
			Map.entry("AdminAccountController.reviews", "listIdPhotoReviews"),
			Map.entry("AdminAccountController.photo", "getIdPhotoReviewPhoto"),
			Map.entry("AdminAccountController.importRosterText", "importRoster"),
			Map.entry("AdminAccountController.importRosterFile", "importRoster"),
			Map.entry("AdminAccountController.startRosterText", "startRosterImport"),
			Map.entry("AdminAccountController.startRosterFile", "startRosterImport"),
			Map.entry("AdminAccountController.importJob", "getRosterImport"),
			Map.entry("PiiKeyController.piiKey", "getPiiKey"),
			Map.entry("PiiKeyController.reencrypt", "reencryptPersonalData"),
			Map.entry("AttendanceListController.attendance", "getAttendance"),
			Map.entry("AttendanceListController.spreadsheet", "exportAttendance"),
			Map.entry("AttendanceListController.ratings", "getActivityRatings"),
			Map.entry("BackupController.list", "listBackups"), Map.entry("BackupController.start", "startBackup"),
			Map.entry("CertificateController.certificate", "getMyCertificate"),
			Map.entry("CertificateController.verify", "verifyCertificate"),
			Map.entry("CheckInController.rate", "rateSession"), Map.entry("DevClockController.current", "getDevClock"),
			Map.entry("DevClockController.fix", "setDevClock"),
			Map.entry("DevClockController.release", "releaseDevClock"),
			Map.entry("DevReminderController.run", "runReminders"),
			Map.entry("DevSmsOutboxController.outbox", "readSmsOutbox"),
			Map.entry("DeviceBindingController.find", "findDeviceBindings"),
			Map.entry("DeviceBindingController.release", "releaseDeviceBinding"),
			Map.entry("ExportController.rule", "getSecondClassroomRule"),
			Map.entry("ExportController.setRule", "setSecondClassroomRule"),
			Map.entry("ExportController.serviceRecords", "exportServiceRecords"),
			Map.entry("ExportController.serviceRecordsCsv", "exportServiceRecordsCsv"),
			Map.entry("ExportController.credits", "getSecondClassroomCredits"),
			Map.entry("ExportController.creditsSpreadsheet", "exportSecondClassroomCredits"),
			Map.entry("FaceController.status", "getMyFace"), Map.entry("FaceController.enrol", "enrolFace"),
			Map.entry("FaceController.enrolMultipart", "enrolFace"),
			Map.entry("FaceController.withdraw", "withdrawFace"),
			Map.entry("FaceController.reenrolments", "listFaceReenrolments"),
			Map.entry("FaceController.consent", "getFaceConsent"),
			Map.entry("HoursController.approve", "approveMakeupRequest"),
			Map.entry("HoursController.reject", "rejectMakeupRequest"),
			Map.entry("HoursController.makeupRequests", "listMakeupRequests"),
			Map.entry("HoursController.evidence", "getEvidence"),
			Map.entry("InsuranceController.claim", "claimInsurance"),
			Map.entry("InsuranceController.publish", "publishInsuranceProduct"),
			Map.entry("InsuranceController.policies", "myPolicies"),
			Map.entry("InsuranceController.products", "listInsuranceProducts"),
			Map.entry("ManualAttendanceController.checkIn", "manualCheckIn"),
			Map.entry("ManualAttendanceController.checkOut", "manualCheckOut"),
			Map.entry("MembershipController.approve", "approveMembershipRequest"),
			Map.entry("MembershipController.reject", "rejectMembershipRequest"),
			Map.entry("MembershipController.requests", "listMembershipRequests"),
			Map.entry("MembershipController.apply", "applyForMembership"),
			Map.entry("MembershipController.members", "listMembers"),
			Map.entry("OrganizationController.search", "searchOrganizations"),
			Map.entry("OrganizationController.create", "createOrganization"),
			Map.entry("OrganizationController.move", "moveOrganization"),
			Map.entry("OrganizationController.get", "getOrganization"),
			Map.entry("OrganizationController.archive", "archiveOrganization"),
			Map.entry("OrganizationController.update", "updateOrganization"),
			Map.entry("PresenceKeyController.issue", "issuePresenceKey"),
			Map.entry("PresenceKeyController.revoke", "revokePresenceKey"),
			Map.entry("PrivacyController.erase", "eraseMyAccount"),
			Map.entry("PrivacyController.export", "exportMyData"),
			Map.entry("RankingController.rankings", "getRankings"),
			Map.entry("RankingController.rankingsSpreadsheet", "exportRankings"),
			Map.entry("RankingController.topVolunteers", "getTopVolunteers"),
			Map.entry("RankingController.topVolunteersSpreadsheet", "exportTopVolunteers"),
			Map.entry("RecoveryController.securityQuestion", "lookUpSecurityQuestion"),
			Map.entry("RecoveryController.formerSecurityQuestion", "formerSecurityQuestion"),
			Map.entry("RecoveryController.idPhotoStatus", "getIdPhotoRecovery"),
			Map.entry("RegionController.list", "listRegions"),
			Map.entry("ReminderSettingsController.settings", "getMySettings"),
			Map.entry("ReminderSettingsController.change", "changeMySettings"),
			Map.entry("ScanController.upload", "uploadScans"), Map.entry("ScanController.roster", "getScanRoster"),
			Map.entry("SmsCodeController.send", "sendSmsCode"),
			Map.entry("VolunteerActivityController.byCode", "findActivityByCode"),
			Map.entry("VolunteerActivityController.currentAgreement", "getCurrentAgreement"));

	private static void tag(String name, String description, String... controllers) {
		for (String controller : controllers) {
			TAGS.put(controller, new Tag().name(name).description(description));
		}
	}

	@Bean
	OpenAPI yixingOpenApi() {
		OpenAPI api = new OpenAPI().info(new Info().title("Yixing (益行) API")
			.version("v1")
			.description("Volunteer-service platform. Errors are RFC 9457 application/problem+json with a stable "
					+ "`code` (see docs/RULES.md) and a `detail` in the Accept-Language locale (zh-CN default, en). "
					+ "Authenticated calls send `Authorization: Bearer <token>` from POST /api/v1/auth/token. "
					+ "Personal data (ID numbers, phones, names, passwords, SMS codes) travels in request "
					+ "bodies, never in a URL. Versioning: docs/API.md.")
			.license(new License().name("MIT").identifier("MIT")))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("Opaque token")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
		TAGS.values().stream().distinct().forEach(api::addTagsItem);
		return api;
	}

	/**
	 * Every operation's problem answers, as application/problem+json ({@code Problem},
	 * whose {@code code} lists every code of docs/RULES.md): 400 for bad input, 401 and
	 * 403 where a sign-in is needed, 404 where a path names something, 429 where flood
	 * limits apply, 503 while the database is unreachable. An operation's rule refusals
	 * (409, 422, …) carry their codes in the same shape.
	 */
	@Bean
	org.springdoc.core.customizers.OpenApiCustomizer problemAnswers() {
		return (api) -> {
			io.swagger.v3.oas.models.media.Schema<Object> problem = new io.swagger.v3.oas.models.media.ObjectSchema()
				.addProperty("type", new io.swagger.v3.oas.models.media.StringSchema())
				.addProperty("title", new io.swagger.v3.oas.models.media.StringSchema())
				.addProperty("status", new io.swagger.v3.oas.models.media.IntegerSchema())
				.addProperty("detail",
						new io.swagger.v3.oas.models.media.StringSchema()
							.description("in the Accept-Language locale: zh-CN (default) or en"))
				.addProperty("instance", new io.swagger.v3.oas.models.media.StringSchema())
				.addProperty("code",
						new io.swagger.v3.oas.models.media.StringSchema()._enum(
								java.util.Arrays.stream(org.yixing.shared.ErrorCode.values()).map(Enum::name).toList())
							.description("stable; see docs/RULES.md"))
				.addProperty("errors",
						new io.swagger.v3.oas.models.media.MapSchema()
							.additionalProperties(new io.swagger.v3.oas.models.media.StringSchema())
							.description("field → message in the detail's locale: for VALIDATION_FAILED, and for a "
									+ "MALFORMED_REQUEST whose JSON was read but a value of it was not (startAt, "
									+ "geofence.center.lat)"));
			problem.setRequired(List.of("status", "code"));
			problem.setDescription("RFC 9457 problem details with Yixing's stable code");
			if (api.getComponents() == null) {
				api.setComponents(new Components());
			}
			api.getComponents().addSchemas("Problem", problem);
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				boolean input = operation.getRequestBody() != null
						|| (operation.getParameters() != null && !operation.getParameters().isEmpty());
				// No security of its own: the document's bearer; [] or a {} among them:
				// anyone.
				boolean signedIn = operation.getSecurity() == null || (!operation.getSecurity().isEmpty()
						&& operation.getSecurity().stream().noneMatch((requirement) -> requirement.isEmpty()));
				if (input) {
					problem(operation, "400", "Bad input: VALIDATION_FAILED, MALFORMED_REQUEST, or the rule's own "
							+ "refusal (e.g. INVALID_ID_NUMBER, SMS_CODE_INVALID)");
				}
				if (signedIn) {
					problem(operation, "401", "No valid bearer token: UNAUTHENTICATED");
					problem(operation, "403", "Not allowed: FORBIDDEN, PASSWORD_CHANGE_REQUIRED");
				}
				if (path.contains("{")) {
					problem(operation, "404", "Nothing there, or nothing the caller may see: NOT_FOUND");
				}
				if (path.startsWith("/api/v1/auth/") || path.equals("/api/v1/sms-codes")
						|| path.equals("/api/v1/accounts") || path.startsWith("/api/v1/password-resets")) {
					problem(operation, "429", "Too many tries: TOO_MANY_REQUESTS, SMS_DAILY_LIMIT, SMS_TOO_FREQUENT");
				}
				problem(operation, "503", PASSWORD_WORK.contains(method + " " + path)
						? "The database is unreachable, or more requests than take turns at hashing passwords came "
								+ "at once, for now (Retry-After): SERVICE_UNAVAILABLE"
						: "The database is unreachable for now (Retry-After): SERVICE_UNAVAILABLE");
				refusals(operation);
			}));
		};
	}

	/**
	 * The operations that hash or check a password or security answer, which take turns
	 * at it (docs/OPERATIONS.md, "Sign-ins take turns").
	 */
	static final Set<String> PASSWORD_WORK = Set.of("POST /api/v1/accounts", "POST /api/v1/auth/token",
			"PUT /api/v1/me/password", "PUT /api/v1/me/phone", "PUT /api/v1/me/security-question", "DELETE /api/v1/me",
			"POST /api/v1/password-resets/sms", "POST /api/v1/password-resets/security-question",
			"DELETE /api/v1/me/campus-identities/{organizationId}");

	/**
	 * The rule refusals of the operations that have many (docs/RULES.md), by operationId:
	 * each listed under its status with the others of that status.
	 */
	static final Map<String, List<org.yixing.shared.ErrorCode>> REFUSALS = refusals();

	private static Map<String, List<org.yixing.shared.ErrorCode>> refusals() {
		Map<String, List<org.yixing.shared.ErrorCode>> refusals = new LinkedHashMap<>();
		refusals.put("register", codes("INVALID_ID_NUMBER", "INVALID_PHONE", "WEAK_PASSWORD", "INVALID_REGION",
				"SMS_CODE_INVALID", "SMS_CODE_EXHAUSTED", "ALREADY_REGISTERED", "PHONE_IN_USE"));
		refusals.put("login", codes("BAD_CREDENTIALS", "ACCOUNT_LOCKED"));
		refusals.put("sendSmsCode", codes("INVALID_PHONE", "SMS_DAILY_LIMIT", "SMS_TOO_FREQUENT", "SMS_UNAVAILABLE"));
		refusals.put("resetBySms",
				codes("INVALID_ID_NUMBER", "SMS_CODE_INVALID", "SMS_CODE_EXHAUSTED", "WEAK_PASSWORD"));
		refusals.put("lookUpSecurityQuestion", codes("INVALID_ID_NUMBER", "NOT_FOUND"));
		refusals.put("resetBySecurityQuestion", codes("INVALID_ID_NUMBER", "SECURITY_ANSWER_INCORRECT",
				"ACCOUNT_LOCKED", "WEAK_PASSWORD", "NOT_FOUND"));
		refusals.put("formerSecurityQuestion", codes("ENDPOINT_GONE"));
		refusals.put("checkIn",
				codes("CHECK_IN_CODE_NOT_FOUND", "ACTIVITY_CANCELLED", "CHECK_IN_QR_EXPIRED",
						"ACTIVITY_NOT_IN_PROGRESS", "NOT_ORGANIZATION_MEMBER", "AGREEMENT_REQUIRED", "OUT_OF_RANGE",
						"ALREADY_CHECKED_IN", "CHECKED_IN_ON_ANOTHER_DEVICE", "DEVICE_BOUND_TO_OTHER_ACCOUNT",
						"INSURANCE_REQUIRED", "ACTIVITY_FULL", "NO_FACE_DETECTED", "FACE_MISMATCH",
						"FACE_REENROLL_REQUIRED", "FACE_BUSY"));
		refusals.put("checkOut", codes("SESSION_NOT_OPEN", "OUT_OF_RANGE", "CHECKED_IN_ON_ANOTHER_DEVICE"));
		refusals.put("rateSession", codes("SESSION_NOT_COMPLETED", "ALREADY_RATED"));
		refusals.put("voidSession", codes("SESSION_NOT_OPEN"));
		refusals.put("signUp", codes("ACTIVITY_CANCELLED", "ACTIVITY_NOT_IN_PROGRESS", "NOT_ORGANIZATION_MEMBER",
				"ACTIVITY_FULL", "SIGN_UP_DEADLINE_PASSED"));
		refusals.put("cancelSignUp", codes("SIGN_UP_CLOSED"));
		refusals.put("removeSignUp", codes("SIGN_UP_CLOSED"));
		refusals.put("signUpVolunteer",
				codes("ACTIVITY_CANCELLED", "ACTIVITY_NOT_IN_PROGRESS", "NOT_ORGANIZATION_MEMBER", "ACTIVITY_FULL"));
		refusals.put("joinWaitlist", codes("ACTIVITY_CANCELLED", "ACTIVITY_NOT_IN_PROGRESS", "NOT_ORGANIZATION_MEMBER",
				"ACTIVITY_FULL", "SIGN_UP_DEADLINE_PASSED"));
		refusals.put("applyForMembership", codes("ALREADY_MEMBER", "REQUEST_PENDING", "ORGANIZATION_ARCHIVED"));
		refusals.put("approveMembershipRequest", codes("ALREADY_DECIDED"));
		refusals.put("rejectMembershipRequest", codes("ALREADY_DECIDED"));
		refusals.put("approveMakeupRequest", codes("ALREADY_DECIDED", "ACTIVITY_CANCELLED"));
		refusals.put("rejectMakeupRequest", codes("ALREADY_DECIDED"));
		refusals.put("requestMakeup", codes("MAKEUP_REASON_NOT_ALLOWED", "ACTIVITY_CANCELLED"));
		refusals.put("recordHonorHours",
				codes("MAKEUP_REASON_NOT_ALLOWED", "NOT_ORGANIZATION_MEMBER", "ACTIVITY_CANCELLED"));
		refusals.put("claimInsurance", codes("INSURANCE_PRODUCT_ENDED"));
		refusals.put("enrolFace", codes("NO_FACE_DETECTED", "FACE_LOCKED", "INVALID_PHOTO", "PAYLOAD_TOO_LARGE"));
		refusals.put("editActivity", codes("ACTIVITY_HAS_OPEN_SESSIONS", "ACTIVITY_CANCELLED"));
		refusals.put("regenerateCheckInCode", codes("ACTIVITY_CANCELLED"));
		refusals.put("getCheckInQr", codes("ACTIVITY_CANCELLED"));
		refusals.put("cancelActivity", codes("ACTIVITY_HAS_SESSIONS"));
		refusals.put("sendActivityMessage", codes("TOO_MANY_REQUESTS"));
		refusals.put("sendOrganizationAnnouncement", codes("TOO_MANY_REQUESTS"));
		refusals.put("createOrganization", codes("NAME_TAKEN", "INVALID_REGION"));
		refusals.put("moveOrganization", codes("INVALID_MOVE"));
		refusals.put("startBackup", codes("BACKUPS_OFF"));
		return refusals;
	}

	private static List<org.yixing.shared.ErrorCode> codes(String... names) {
		return java.util.Arrays.stream(names).map(org.yixing.shared.ErrorCode::valueOf).toList();
	}

	private static void refusals(io.swagger.v3.oas.models.Operation operation) {
		List<org.yixing.shared.ErrorCode> codes = REFUSALS.get(operation.getOperationId());
		if (codes == null) {
			return;
		}
		Map<Integer, List<String>> byStatus = new java.util.TreeMap<>();
		for (org.yixing.shared.ErrorCode code : codes) {
			byStatus.computeIfAbsent(code.status().value(), (s) -> new java.util.ArrayList<>()).add(code.name());
		}
		byStatus.forEach((status, names) -> {
			io.swagger.v3.oas.models.responses.ApiResponse existing = (operation.getResponses() != null)
					? operation.getResponses().get(String.valueOf(status)) : null;
			String listed = String.join(", ", names);
			if (existing != null) {
				existing.setDescription(existing.getDescription() + "; " + listed);
			}
			else {
				problem(operation, String.valueOf(status), "Refused by the rules (docs/RULES.md): " + listed);
			}
		});
	}

	private static void problem(io.swagger.v3.oas.models.Operation operation, String status, String description) {
		if (operation.getResponses() == null) {
			operation.setResponses(new io.swagger.v3.oas.models.responses.ApiResponses());
		}
		if (!operation.getResponses().containsKey(status)) {
			operation.getResponses()
				.addApiResponse(status, new io.swagger.v3.oas.models.responses.ApiResponse().description(description)
					.content(new io.swagger.v3.oas.models.media.Content()
						.addMediaType("application/problem+json", new io.swagger.v3.oas.models.media.MediaType().schema(
								new io.swagger.v3.oas.models.media.Schema<>().$ref("#/components/schemas/Problem")))));
		}
	}

	/** The capability's tag and the stable operation id of each operation. */
	@Bean
	GlobalOperationCustomizer capabilitiesAndNames() {
		return (operation, handler) -> {
			String controller = handler.getBeanType().getSimpleName();
			Tag tag = TAGS.get(controller);
			if (tag != null) {
				operation.setTags(List.of(tag.getName()));
			}
			String id = OPERATION_IDS.get(controller + "." + handler.getMethod().getName());
			operation.setOperationId((id != null) ? id : handler.getMethod().getName());
			if (operation.getSummary() == null) {
				operation.setSummary(ApiSummaries.BY_OPERATION.get(operation.getOperationId()));
			}
			return operation;
		};
	}

}
