package org.yixing.attendance;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.activity.CheckInActivity;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.AdminOnly;
import org.yixing.organization.OrganizationDirectory;
import org.yixing.presence.PresenceKeys;

/**
 * 扫码签到 and the admins' void (docs/API.md): uploads of scanned personal codes, the roster
 * a scanning phone keeps for offline use, and voiding an open session.
 */
@RestController
@RequestMapping("/api/v1")
class ScanController {

	/** At most this many scans in one upload. */
	static final int BATCH_MAX = 1000;

	/** At most this many volunteers in a roster. */
	static final int ROSTER_MAX = 5000;

	private final OrganizerScans scans;

	private final AttendanceLists lists;

	private final SessionVoids voids;

	private final SignUps signUps;

	private final OrganizationDirectory organizations;

	private final PresenceKeys keys;

	private final AccountDirectory accounts;

	private final MessageSource messages;

	ScanController(OrganizerScans scans, AttendanceLists lists, SessionVoids voids, SignUps signUps,
			OrganizationDirectory organizations, PresenceKeys keys, AccountDirectory accounts, MessageSource messages) {
		this.scans = scans;
		this.lists = lists;
		this.voids = voids;
		this.signUps = signUps;
		this.organizations = organizations;
		this.keys = keys;
		this.accounts = accounts;
		this.messages = messages;
	}

	/**
	 * Scans made on an admin's phone, online or uploaded later (at most 72 h after the
	 * scan). Each is judged at its time corrected by the phone's clock ({@code deviceNow}
	 * is the phone's clock at upload); the same {@code scanId} sent again answers as it
	 * did the first time.
	 */
	@AdminOnly
	@PostMapping("/activities/{id}/scans")
	ScanResults upload(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody ScanBatch body,
			Locale locale) {
		return new ScanResults(results(caller, id, body, locale));
	}

	List<ScanResult> results(AuthenticatedAccount caller, UUID id, ScanBatch body, Locale locale) {
		List<OrganizerScans.Outcome> outcomes = this.scans.upload(caller, id, body.deviceNow().toInstant(),
				body.scans()
					.stream()
					.map((s) -> new OrganizerScans.Scan(s.scanId(), s.code(), s.scannedAt().toInstant()))
					.toList());
		Map<AccountId, AccountDirectory.AccountSummary> people = this.accounts.findAll(
				outcomes.stream().map(OrganizerScans.Outcome::account).filter((a) -> a != null).distinct().toList());
		return outcomes.stream().map((o) -> {
			AccountDirectory.AccountSummary person = (o.account() != null) ? people.get(o.account()) : null;
			return new ScanResult(o.scanId(), o.outcome(), (o.refusal() != null) ? o.refusal().name() : null,
					(o.refusal() != null) ? this.messages.getMessage(o.refusal().messageKey(), new Object[0],
							o.refusal().name(), locale) : null,
					(o.sessionId() != null) ? o.sessionId().toString() : null,
					(person != null) ? person.realName() : null, (person != null) ? person.idNumberMasked() : null);
		}).toList();
	}

	/**
	 * Who a scanning phone may meet, with their personal codes' key ids, so that it shows
	 * names offline: the members of the activity's organization and below, and whoever
	 * signed up. No secret is part of it.
	 */
	@AdminOnly
	@GetMapping("/activities/{id}/roster")
	List<RosterEntry> roster(AuthenticatedAccount caller, @PathVariable UUID id) {
		CheckInActivity activity = this.lists.administered(caller, id);
		Set<UUID> people = new LinkedHashSet<>();
		this.signUps.roster(id).forEach((s) -> people.add(s.accountId()));
		this.organizations.membersOfOrBelow(activity.organizationId(), ROSTER_MAX)
			.forEach((a) -> people.add(a.value()));
		Map<String, AccountId> keys = this.keys.currentKeysOf(people);
		Map<AccountId, AccountDirectory.AccountSummary> names = this.accounts.findAll(keys.values());
		List<RosterEntry> roster = new ArrayList<>();
		keys.forEach((keyId, account) -> {
			AccountDirectory.AccountSummary person = names.get(account);
			if (person != null) {
				roster.add(
						new RosterEntry(keyId, account.value().toString(), person.realName(), person.idNumberMasked()));
			}
		});
		return roster;
	}

	/** An admin voids an OPEN session with a reason; completed ones stay as they are. */
	@AdminOnly
	@PostMapping("/check-ins/{sessionId}/void")
	Voided voidSession(AuthenticatedAccount caller, @PathVariable UUID sessionId, @Valid @RequestBody VoidBody body) {
		Session session = this.voids.voidOpen(caller, sessionId, body.reason());
		return new Voided(session.id().toString(), session.accountId().toString(), SessionStatus.VOID,
				body.reason().strip());
	}

	/**
	 * @param deviceNow the phone's clock at upload, which measures its offset
	 */
	record ScanBatch(@NotNull OffsetDateTime deviceNow,
			@NotNull @Size(min = 1, max = BATCH_MAX) List<@Valid @NotNull ScannedCode> scans) {
	}

	/**
	 * @param scanId the phone's id for this scan (e.g. a UUID): uploads are idempotent by
	 * it
	 * @param code the scanned QR text, {@code yx:p:{keyId}:{step}:{value}}
	 * @param scannedAt the phone's clock when it scanned
	 */
	record ScannedCode(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+") String scanId,
			@NotBlank @Size(max = 200) String code, @NotNull OffsetDateTime scannedAt) {
	}

	record ScanResults(List<ScanResult> results) {
	}

	/**
	 * @param outcome CHECKED_IN, CHECKED_OUT or REFUSED
	 * @param code the refusal's docs/RULES.md code
	 * @param message the refusal's message in the request's language
	 */
	record ScanResult(String scanId, String outcome, @Nullable String code, @Nullable String message,
			@Nullable String sessionId, @Nullable String realName, @Nullable String idNumberMasked) {
	}

	record RosterEntry(String keyId, String accountId, String realName, String idNumberMasked) {
	}

	record VoidBody(@NotBlank @Size(max = ManualAttendance.REASON_MAX) String reason) {
	}

	record Voided(String sessionId, String accountId, SessionStatus status, String voidReason) {
	}

}
