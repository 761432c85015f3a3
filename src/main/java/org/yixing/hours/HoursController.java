package org.yixing.hours;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.AdminOnly;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Reason;
import org.yixing.shared.ReviewStatus;
import org.yixing.shared.web.Downloads;

/**
 * Hours, honor hours and makeup requests (docs/API.md).
 */
@RestController
@RequestMapping("/api/v1")
class HoursController {

	private final Ledger ledger;

	private final HonorHours honorHours;

	private final MakeupRequests makeups;

	private final AccountDirectory accounts;

	private final EvidenceFiles evidence;

	HoursController(Ledger ledger, HonorHours honorHours, MakeupRequests makeups, AccountDirectory accounts,
			EvidenceFiles evidence) {
		this.evidence = evidence;
		this.ledger = ledger;
		this.honorHours = honorHours;
		this.makeups = makeups;
		this.accounts = accounts;
	}

	@GetMapping("/me/hours")
	Hours myHours(AuthenticatedAccount caller) {
		HoursBalance balance = this.ledger.balance(caller.id().value());
		return new Hours(balance.creditMinutes(), balance.honorMinutes(), balance.coins());
	}

	/** The volunteer's service records, newest first. */
	@GetMapping("/me/hours/entries")
	List<Entry> myEntries(AuthenticatedAccount caller) {
		return this.ledger.entries(caller.id().value()).stream().map(Entry::of).toList();
	}

	@AdminOnly
	@PostMapping("/organizations/{id}/honor-hours")
	@ResponseStatus(HttpStatus.CREATED)
	Entry recordHonorHours(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody HonorBody body) {
		AccountId volunteer = volunteer(body.accountId(), body.idNumber());
		LedgerEntry entry = this.honorHours.add(caller, new OrganizationId(id), volunteer,
				HonorHours.Makeup.of(body.minutes(), body.reason(), body.description(), body.activityId(),
						body.sessionId(), body.evidence(), body.evidenceFileId(), body.serviceDate()),
				(body.correctsEntryId() != null) ? "CORRECTION" : "MAKEUP", body.correctsEntryId());
		return Entry.of(entry);
	}

	@PostMapping("/me/makeup-requests")
	@ResponseStatus(HttpStatus.CREATED)
	MakeupRequests.Request requestMakeup(AuthenticatedAccount caller, @Valid @RequestBody MakeupBody body) {
		return this.makeups.submit(caller, new OrganizationId(body.organizationId()),
				HonorHours.Makeup.of(body.minutes(), body.reason(), body.description(), body.activityId(),
						body.sessionId(), body.evidence(), body.evidenceFileId(), null));
	}

	/** The multipart body of an evidence upload, as documented. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "EvidenceUpload")
	record EvidenceUpload(@io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary",
			requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED,
			description = "JPEG, PNG or PDF, at most 5 MB") String file) {
	}

	/** Uploads an evidence file (JPEG, PNG or PDF, at most 5 MB) to attach by its id. */
	@PostMapping(path = "/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
					schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = EvidenceUpload.class)))
	EvidenceFiles.Stored uploadEvidence(AuthenticatedAccount caller, @RequestPart MultipartFile file) {
		try {
			return this.evidence.store(caller,
					(file.getOriginalFilename() != null) ? file.getOriginalFilename() : "evidence", file.getBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@GetMapping("/evidence/{id}")
	ResponseEntity<byte[]> evidence(AuthenticatedAccount caller, @PathVariable UUID id) {
		EvidenceFiles.File file = this.evidence.read(caller, id);
		return Downloads.of(file.content(), file.contentType(), file.fileName());
	}

	@GetMapping("/me/makeup-requests")
	List<MakeupRequests.Request> myMakeupRequests(AuthenticatedAccount caller) {
		return this.makeups.mine(caller);
	}

	@AdminOnly
	@GetMapping("/organizations/{id}/makeup-requests")
	List<MakeupRequests.Request> makeupRequests(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable ReviewStatus status) {
		return this.makeups.ofOrganization(caller, new OrganizationId(id), status);
	}

	@AdminOnly
	@PostMapping("/makeup-requests/{id}/approve")
	MakeupRequests.Request approve(AuthenticatedAccount caller, @PathVariable UUID id) {
		return this.makeups.approve(caller, id);
	}

	@AdminOnly
	@PostMapping("/makeup-requests/{id}/reject")
	MakeupRequests.Request reject(AuthenticatedAccount caller, @PathVariable UUID id,
			@Valid @RequestBody Rejection body) {
		return this.makeups.reject(caller, id, body.reason());
	}

	private AccountId volunteer(@Nullable UUID accountId, @Nullable String idNumber) {
		if (accountId != null) {
			return this.accounts.find(new AccountId(accountId))
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND))
				.id();
		}
		if (idNumber != null && !idNumber.isBlank()) {
			return this.accounts.findByIdNumber(idNumber)
				.orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND))
				.id();
		}
		throw DomainException.invalidField("accountId", "NotNull");
	}

	record Hours(long creditMinutes, long honorMinutes, long coins) {
	}

	record HonorBody(@Nullable UUID accountId, @Nullable String idNumber, @NotNull Integer minutes,
			@NotBlank String reason, @Nullable @Size(max = HonorHours.Makeup.MAX_DESCRIPTION) String description,
			@Nullable UUID activityId, @Nullable UUID sessionId,
			@Nullable @Size(max = HonorHours.Makeup.MAX_EVIDENCE) String evidence, @Nullable UUID evidenceFileId,
			@Nullable LocalDate serviceDate, @Nullable UUID correctsEntryId) {
	}

	/** {@code description} may be left out when an activity is named (RULES §8). */
	record MakeupBody(@NotNull UUID organizationId, @NotNull Integer minutes, @NotBlank String reason,
			@Nullable @Size(max = HonorHours.Makeup.MAX_DESCRIPTION) String description, @Nullable UUID activityId,
			@Nullable UUID sessionId, @Nullable @Size(max = HonorHours.Makeup.MAX_EVIDENCE) String evidence,
			@Nullable UUID evidenceFileId) {
	}

	record Rejection(@NotBlank @Size(max = Reason.MAX) String reason) {
	}

	/**
	 * A ledger entry as a service record: what, where, when, how long, who organised and
	 * led it.
	 */
	record Entry(String id, String kind, String source, int minutes, String organizationId, String organizationName,
			@Nullable String activityId, String activityTitle, LocalDate serviceDate, String place, String content,
			String activityLead, @Nullable String sessionId, @Nullable String reason, String description,
			@Nullable String evidence, @Nullable String evidenceFileId, @Nullable String correctsEntryId,
			@Nullable String recordedBy, Instant recordedAt) {

		static Entry of(LedgerEntry e) {
			return new Entry(e.id().toString(), e.kind(), e.source(), e.minutes(), e.organizationId().toString(),
					e.organizationName(), str(e.activityId()), e.activityTitle(), e.serviceDate(), e.place(),
					e.content(), e.activityLead(), str(e.sessionId()), e.reason(), e.description(), e.evidence(),
					str(e.evidenceFileId()), str(e.correctsEntryId()), str(e.recordedBy()), e.recordedAt());
		}

		private static @Nullable String str(@Nullable UUID id) {
			return (id != null) ? id.toString() : null;
		}

	}

}
