package org.yixing.identity;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
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

	AdminAccountController(IdPhotoRecovery idPhotos, RosterImport rosterImport) {
		this.idPhotos = idPhotos;
		this.rosterImport = rosterImport;
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
			description = "CSV (UTF-8) or .xlsx: name, ID number, phone (optional)") String file) {
	}

	/** A roster as a {@code file} part, or as the {@code text/csv} body itself. */
	@PostMapping(path = "/account-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
					schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = RosterFile.class)))
	RosterImport.Result importRosterFile(AuthenticatedAccount me, @RequestPart MultipartFile file, Locale locale) {
		try {
			Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8);
			return this.rosterImport.run(me, reader, locale);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@PostMapping(path = "/account-imports", consumes = "text/csv")
	RosterImport.Result importRosterText(AuthenticatedAccount me, @RequestBody String csv, Locale locale) {
		return this.rosterImport.run(me, new StringReader(csv), locale);
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
