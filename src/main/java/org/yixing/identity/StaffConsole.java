package org.yixing.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Reason;
import org.yixing.shared.ReviewStatus;
import org.yixing.shared.web.Downloads;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;

/**
 * Platform staff's part of the console: the handheld-ID-photo recovery queue (RULES §3),
 * the photo shown inline, approve or reject with a reason.
 */
@PageController
class StaffConsole {

	private final IdPhotoRecovery idPhotos;

	private final RosterImports rosterImports;

	private final PageFeedback feedback;

	private final Accounts accounts;

	private final AccountDirectory directory;

	private final MessageSource messages;

	StaffConsole(IdPhotoRecovery idPhotos, RosterImports rosterImports, PageFeedback feedback, Accounts accounts,
			AccountDirectory directory, MessageSource messages) {
		this.messages = messages;
		this.accounts = accounts;
		this.directory = directory;
		this.idPhotos = idPhotos;
		this.rosterImports = rosterImports;
		this.feedback = feedback;
	}

	/**
	 * 用户查询: any account by name, by the end of its ID number, or by its whole phone
	 * number, with what staff need to help on the phone (masked numbers, lock-out).
	 */
	@GetMapping("/admin/people")
	String people(AuthenticatedAccount me, @RequestParam(defaultValue = "") String q, Model model) {
		me.requireStaff();
		String query = q.strip().toUpperCase(java.util.Locale.ROOT);
		java.util.List<Account> found = new java.util.ArrayList<>();
		if (!query.isEmpty()) {
			this.directory.findByPhone(query)
				.flatMap((summary) -> this.accounts.findById(summary.id()))
				.ifPresent(found::add);
			this.accounts.search(query)
				.stream()
				.filter((a) -> found.stream().noneMatch((f) -> f.id().equals(a.id())))
				.forEach(found::add);
		}
		model.addAttribute("q", q.strip());
		model.addAttribute("people", found);
		model.addAttribute("accountCount", this.accounts.count());
		return "identity/console/people";
	}

	/**
	 * 名册导入: a legacy roster as CSV or .xlsx (name, ID number, phone), imported in the
	 * background ({@link RosterImports}), with the latest imports.
	 */
	@GetMapping("/admin/roster")
	String roster(AuthenticatedAccount me, Model model) {
		model.addAttribute("imports", this.rosterImports.recent(me));
		return "identity/console/roster";
	}

	/** 下载模板: an empty roster whose ID number column is text. */
	@GetMapping("/admin/roster/template.xlsx")
	ResponseEntity<byte[]> rosterTemplate(AuthenticatedAccount me) {
		me.requireStaff();
		Locale locale = LocaleContextHolder.getLocale();
		return Downloads.of(
				RosterSpreadsheet.template(this.messages.getMessage("console.roster.column.name", null, locale),
						this.messages.getMessage("console.roster.column.idNumber", null, locale),
						this.messages.getMessage("console.roster.column.phone", null, locale)),
				Downloads.XLSX, "roster-template.xlsx");
	}

	@PostMapping("/admin/roster")
	String importRoster(AuthenticatedAccount me, @RequestParam(required = false) @Nullable MultipartFile file,
			HttpServletResponse response, Model model) throws IOException {
		me.requireStaff();
		try {
			if (file == null || file.isEmpty()) {
				throw new DomainException(ErrorCode.INVALID_SPREADSHEET);
			}
			String csv = RosterSpreadsheet.text(file.getBytes());
			RosterImports.Progress started = this.rosterImports.start(me, csv, LocaleContextHolder.getLocale());
			return "redirect:/admin/roster/imports/" + started.id();
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, roster(me, model));
		}
	}

	/**
	 * One import: how far it has come, refreshed while it runs; then its result. (The
	 * latest imports are on the roster page, where none is stale.)
	 */
	@GetMapping("/admin/roster/imports/{id}")
	String rosterImport(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		progress(me, id, model);
		return "identity/console/roster";
	}

	@GetMapping("/admin/roster/imports/{id}/progress")
	String progress(AuthenticatedAccount me, @PathVariable UUID id, Model model) {
		RosterImports.Progress job = this.rosterImports.find(me, id, LocaleContextHolder.getLocale());
		model.addAttribute("job", job);
		model.addAttribute("result", job.result());
		if (job.status() != RosterImports.Status.RUNNING) {
			// the report once there is a result to show, not at every look at the
			// progress
			model.addAttribute("report", "data:text/csv;charset=utf-8;base64," + Base64.getEncoder()
				.encodeToString(RosterSpreadsheet.report(job.result()).getBytes(StandardCharsets.UTF_8)));
		}
		return "identity/console/roster :: progress";
	}

	@GetMapping("/admin/id-photo-reviews")
	String reviews(AuthenticatedAccount me, @RequestParam(defaultValue = "PENDING") String status, Model model) {
		ReviewStatus shown = ReviewStatus.named(status, ReviewStatus.PENDING);
		model.addAttribute("reviews", this.idPhotos.list(me, shown));
		model.addAttribute("status", shown.name());
		return "identity/console/id-photo-reviews";
	}

	@GetMapping("/admin/id-photo-reviews/{id}/photo")
	ResponseEntity<byte[]> photo(AuthenticatedAccount me, @PathVariable UUID id) {
		IdPhotoReviews.Photo photo = this.idPhotos.photo(me, id);
		return Downloads.of(photo.sealed(), photo.contentType(), "id-photo");
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
			this.idPhotos.reject(me, id, Reason.check(reason));
			return "redirect:/admin/id-photo-reviews?rejected";
		}
		catch (DomainException ex) {
			return this.feedback.refuse(model, ex, response, reviews(me, "PENDING", model));
		}
	}

}
