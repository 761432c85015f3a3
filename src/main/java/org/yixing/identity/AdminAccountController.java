package org.yixing.identity;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.Reason;
import org.yixing.shared.ReviewStatus;
import org.yixing.shared.web.Downloads;

/** Platform staff: ID-photo reviews and legacy roster import. */
@RestController
@StaffOnly
@RequestMapping("/api/v1/admin")
class AdminAccountController {

	private final IdPhotoRecovery idPhotos;

	private final RosterImport rosterImport;

	private final RosterImports rosterImports;

	AdminAccountController(IdPhotoRecovery idPhotos, RosterImport rosterImport, RosterImports rosterImports) {
		this.idPhotos = idPhotos;
		this.rosterImport = rosterImport;
		this.rosterImports = rosterImports;
	}

	@GetMapping("/id-photo-reviews")
	List<ReviewView> reviews(AuthenticatedAccount me, @RequestParam(required = false) @Nullable ReviewStatus status) {
		return this.idPhotos.list(me, status).stream().map(ReviewView::of).toList();
	}

	@GetMapping("/id-photo-reviews/{id}/photo")
	ResponseEntity<byte[]> photo(AuthenticatedAccount me, @PathVariable UUID id) {
		IdPhotoReviews.Photo photo = this.idPhotos.photo(me, id);
		return Downloads.of(photo.sealed(), photo.contentType(), "id-photo");
	}

	@PostMapping("/id-photo-reviews/{id}/approve")
	ReviewView approve(AuthenticatedAccount me, @PathVariable UUID id) {
		return ReviewView.of(this.idPhotos.approve(me, id));
	}

	@PostMapping("/id-photo-reviews/{id}/reject")
	ReviewView reject(AuthenticatedAccount me, @PathVariable UUID id, @Valid @RequestBody Rejection request) {
		return ReviewView.of(this.idPhotos.reject(me, id, request.reason()));
	}

	/** The multipart body of a roster import, as documented. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "RosterFile")
	record RosterFile(@io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary",
			requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED,
			description = "CSV (UTF-8, or GBK as a spreadsheet on a Chinese Windows saves it), .xlsx or .xls: "
					+ "name, ID number, phone (optional)") String file) {
	}

	/**
	 * Imports a roster, sent as a {@code file} part or as the {@code text/csv} body
	 * itself, and answers with the result: some 30 s per 1,000 new accounts on two cores,
	 * so a roster of more than a few hundred new accounts is better imported in the
	 * background ({@code POST /admin/account-import-jobs}), which answers at once.
	 */
	@PostMapping(path = "/account-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
					schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = RosterFile.class)))
	RosterImport.Result importRosterFile(AuthenticatedAccount me, @RequestPart MultipartFile file, Locale locale) {
		return this.rosterImport.run(me, new StringReader(RosterSpreadsheet.text(bytes(file))), locale);
	}

	@PostMapping(path = "/account-imports", consumes = "text/csv")
	RosterImport.Result importRosterText(AuthenticatedAccount me, @RequestBody String csv, Locale locale) {
		return this.rosterImport.run(me, new StringReader(csv), locale);
	}

	/**
	 * The same import in the background, for a roster of thousands of new accounts (some
	 * 30 s per 1,000 on two cores, longer than a proxy waits): answers at once, 202 with
	 * the import's id; follow it with {@code GET /admin/account-import-jobs/{id}}.
	 */
	@PostMapping(path = "/account-import-jobs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
					schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = RosterFile.class)))
	ImportJob startRosterFile(AuthenticatedAccount me, @RequestPart MultipartFile file, Locale locale) {
		return ImportJob.of(this.rosterImports.start(me, RosterSpreadsheet.text(bytes(file)), locale));
	}

	@PostMapping(path = "/account-import-jobs", consumes = "text/csv")
	@ResponseStatus(HttpStatus.ACCEPTED)
	ImportJob startRosterText(AuthenticatedAccount me, @RequestBody String csv, Locale locale) {
		return ImportJob.of(this.rosterImports.start(me, csv, locale));
	}

	/**
	 * How far an import in the background has come; its tallies and bad lines so far. 404
	 * {@code NOT_FOUND} for an unknown id, or one finished over 30 days ago.
	 */
	@GetMapping("/account-import-jobs/{id}")
	ImportJob importJob(AuthenticatedAccount me, @PathVariable UUID id, Locale locale) {
		return ImportJob.of(this.rosterImports.find(me, id, locale));
	}

	private static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A roster import in the background.
	 *
	 * @param status RUNNING; DONE; INTERRUPTED when the server stopped during the import
	 * or has given no news of it for a minute (the accounts made so far stay: the same
	 * file again goes on, skipping them)
	 * @param lines the file's lines, its header included
	 * @param linesDone the lines read so far
	 * @param errors the lines refused so far, as an import in the request lists them
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "AccountImportJob")
	record ImportJob(String id, RosterImports.Status status, int lines, int linesDone, int created,
			int alreadyRegistered, List<RosterImport.LineProblem> errors, OffsetDateTime startedAt,
			@Nullable OffsetDateTime finishedAt) {

		static ImportJob of(RosterImports.Progress progress) {
			return new ImportJob(progress.id().toString(), progress.status(), progress.lines(), progress.linesDone(),
					progress.created(), progress.alreadyRegistered(), progress.errors(),
					ApplicationClock.local(progress.startedAt()),
					(progress.finishedAt() != null) ? ApplicationClock.local(progress.finishedAt()) : null);
		}

	}

	record Rejection(@NotBlank @Size(max = Reason.MAX) String reason) {
	}

	record ReviewView(String id, String accountId, String realName, String accountRealName, String idNumberMasked,
			String newPhoneMasked, ReviewStatus status, @Nullable String reason, Instant submittedAt,
			@Nullable Instant decidedAt, String photoUrl) {

		static ReviewView of(IdPhotoReviews.Review review) {
			return new ReviewView(review.id().toString(), review.accountId().toString(), review.realName(),
					review.accountRealName(), review.idNumberMasked(), review.newPhoneMasked(), review.status(),
					review.reason(), review.createdAt(), review.decidedAt(),
					"/api/v1/admin/id-photo-reviews/" + review.id() + "/photo");
		}

	}

}
