package org.yixing.identity;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.shared.DomainException;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * Platform staff's part of the console: the handheld-ID-photo recovery queue (RULES §3),
 * the photo shown inline, approve or reject with a reason.
 */
@PageController
class StaffConsole {

	private final IdPhotoRecovery idPhotos;

	private final PageFeedback feedback;

	StaffConsole(IdPhotoRecovery idPhotos, PageFeedback feedback) {
		this.idPhotos = idPhotos;
		this.feedback = feedback;
	}

	@GetMapping("/admin/id-photo-reviews")
	String reviews(AuthenticatedAccount me, @RequestParam(defaultValue = "PENDING") String status, Model model) {
		String shown = List.of("PENDING", "APPROVED", "REJECTED").contains(status) ? status : "PENDING";
		model.addAttribute("reviews", this.idPhotos.list(me, shown));
		model.addAttribute("status", shown);
		return "identity/console/id-photo-reviews";
	}

	@GetMapping("/admin/id-photo-reviews/{id}/photo")
	ResponseEntity<byte[]> photo(AuthenticatedAccount me, @PathVariable UUID id) {
		IdPhotoReviews.Photo photo = this.idPhotos.photo(me, id);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(photo.contentType()))
			.cacheControl(CacheControl.noStore())
			.header("X-Content-Type-Options", "nosniff")
			.body(photo.sealed());
	}

	@PostMapping("/admin/id-photo-reviews/{id}/approve")
	String approve(AuthenticatedAccount me, @PathVariable UUID id, HttpServletResponse response, Model model) {
		try {
			this.idPhotos.approve(me, id);
			return "redirect:/admin/id-photo-reviews?approved";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, reviews(me, "PENDING", model));
		}
	}

	@PostMapping("/admin/id-photo-reviews/{id}/reject")
	String reject(AuthenticatedAccount me, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable String reason, HttpServletResponse response, Model model) {
		try {
			String why = (reason != null) ? reason.strip() : "";
			if (why.isEmpty() || why.length() > 500) {
				throw DomainException.invalidField("reason", "console.reason.required");
			}
			this.idPhotos.reject(me, id, why);
			return "redirect:/admin/id-photo-reviews?rejected";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, reviews(me, "PENDING", model));
		}
	}

}
