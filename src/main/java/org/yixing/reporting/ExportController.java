package org.yixing.reporting;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.AdminOnly;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.web.Downloads;

/**
 * 第二课堂 credit (its rule and its export) and the export of service records for the
 * national system (docs/API.md), for admins of the organization or above it. Ranges are
 * service dates, both included, by default this year so far.
 */
@RestController
@RequestMapping("/api/v1/organizations/{id}")
class ExportController {

	static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	private final SecondClassroom secondClassroom;

	private final ServiceRecordExports serviceRecords;

	ExportController(SecondClassroom secondClassroom, ServiceRecordExports serviceRecords) {
		this.secondClassroom = secondClassroom;
		this.serviceRecords = serviceRecords;
	}

	/**
	 * The rule in force here: this organization's own, the nearest one above, or the
	 * default.
	 */
	@AdminOnly
	@GetMapping("/second-classroom-rule")
	SecondClassroom.Rule rule(AuthenticatedAccount caller, @PathVariable UUID id) {
		return this.secondClassroom.rule(caller, new OrganizationId(id));
	}

	/**
	 * Sets this organization's rule (for it and those below it without their own):
	 * {@code minutesPerCredit} 1–100000, {@code includeHonor}, {@code maxCredits} (none
	 * when absent).
	 */
	@AdminOnly
	@PutMapping("/second-classroom-rule")
	SecondClassroom.Rule setRule(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestBody SecondClassroom.RuleRequest request) {
		return this.secondClassroom.set(caller, new OrganizationId(id), request);
	}

	@AdminOnly
	@GetMapping("/second-classroom-credits")
	SecondClassroom.Report credits(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		return this.secondClassroom.credits(caller, new OrganizationId(id), from, to);
	}

	/** Student name, masked ID, college, hours and credits for the range (a term). */
	@AdminOnly
	@GetMapping("/second-classroom-credits.xlsx")
	ResponseEntity<byte[]> creditsSpreadsheet(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		return Downloads.of(
				this.secondClassroom
					.spreadsheet(this.secondClassroom.credits(caller, new OrganizationId(id), from, to)),
				Downloads.XLSX, "second-classroom-credits-" + id + ".xlsx");
	}

	/**
	 * Every service record for the national volunteer information system, with whole ID
	 * numbers (audited).
	 */
	@AdminOnly
	@GetMapping("/service-records.xlsx")
	ResponseEntity<byte[]> serviceRecords(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		return recordsDownload(this.serviceRecords, caller, id, from, to, false);
	}

	/** The same as CSV (UTF-8 with BOM), without the spreadsheet's row limit. */
	@AdminOnly
	@GetMapping("/service-records.csv")
	ResponseEntity<byte[]> serviceRecordsCsv(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
		return recordsDownload(this.serviceRecords, caller, id, from, to, true);
	}

	/** The credits spreadsheet as a download, for this API and the console alike. */
	static ResponseEntity<byte[]> creditsDownload(SecondClassroom secondClassroom, AuthenticatedAccount caller, UUID id,
			@Nullable LocalDate from, @Nullable LocalDate to) {
		return Downloads.of(
				secondClassroom.spreadsheet(secondClassroom.credits(caller, new OrganizationId(id), from, to)),
				Downloads.XLSX, "second-classroom-credits-" + id + ".xlsx");
	}

	/** The service records as .xlsx or CSV, for this API and the console alike. */
	static ResponseEntity<byte[]> recordsDownload(ServiceRecordExports exports, AuthenticatedAccount caller, UUID id,
			@Nullable LocalDate from, @Nullable LocalDate to, boolean csv) {
		OrganizationId organization = new OrganizationId(id);
		return csv ? Downloads.of(exports.csv(caller, organization, from, to), CSV, "service-records-" + id + ".csv")
				: Downloads.of(exports.xlsx(caller, organization, from, to), Downloads.XLSX,
						"service-records-" + id + ".xlsx");
	}

}
