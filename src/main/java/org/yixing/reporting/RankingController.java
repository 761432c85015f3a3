package org.yixing.reporting;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.shared.web.Downloads;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.organization.AdminOnly;
import org.yixing.organization.OrganizationId;

/**
 * Rankings and the top list (docs/API.md) for admins of the organization or above it:
 * {@code from} and {@code to} are service dates (both included, default this year).
 */
@RestController
@RequestMapping("/api/v1/organizations/{id}")
class RankingController {

	private final Rankings rankings;

	RankingController(Rankings rankings) {
		this.rankings = rankings;
	}

	@AdminOnly
	@GetMapping("/rankings")
	List<Rankings.Ranked> rankings(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable Integer limit) {
		return this.rankings.of(caller, new OrganizationId(id), from, to, limit);
	}

	@AdminOnly
	@GetMapping("/rankings.xlsx")
	ResponseEntity<byte[]> rankingsSpreadsheet(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable Integer limit) {
		return xlsx("rankings-" + id + ".xlsx",
				this.rankings.spreadsheet(this.rankings.of(caller, new OrganizationId(id), from, to, limit), false));
	}

	/** 十佳志愿者 / 优秀志愿者 candidates: the first {@code limit} (default 10). */
	@AdminOnly
	@GetMapping("/top-volunteers")
	List<Rankings.Ranked> topVolunteers(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "10") int limit) {
		return this.rankings.of(caller, new OrganizationId(id), from, to, limit);
	}

	@AdminOnly
	@GetMapping("/top-volunteers.xlsx")
	ResponseEntity<byte[]> topVolunteersSpreadsheet(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "10") int limit) {
		return xlsx("top-volunteers-" + id + ".xlsx",
				this.rankings.spreadsheet(this.rankings.of(caller, new OrganizationId(id), from, to, limit), true));
	}

	static ResponseEntity<byte[]> xlsx(String name, byte[] content) {
		return Downloads.of(content, Downloads.XLSX, name);
	}

}
