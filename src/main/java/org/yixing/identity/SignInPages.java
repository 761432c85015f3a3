package org.yixing.identity;

import java.time.LocalDate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.yixing.region.HomeRegion;
import org.yixing.region.RegionPicker;
import org.yixing.region.Regions;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.web.LocalPath;
import org.yixing.shared.web.PageController;
import org.yixing.shared.web.PageFeedback;
import org.yixing.sms.PhoneNumber;

/**
 * 登录, 退出登录 and 我要注册 (the guide's 一、注册流程 steps 3–5): the same services as the API, the
 * browser signed in by {@link PageSessions}.
 */
@PageController
class SignInPages {

	private final PageSessions sessions;

	private final AccountRegistration registration;

	private final Regions regions;

	private final HomeRegion homeRegion;

	private final PageFeedback feedback;

	private final java.time.Clock clock;

	private final ObjectProvider<ExternalSignOn> signOn;

	SignInPages(PageSessions sessions, AccountRegistration registration, Regions regions, HomeRegion homeRegion,
			PageFeedback feedback, java.time.Clock clock, ObjectProvider<ExternalSignOn> signOn) {
		this.signOn = signOn;
		this.sessions = sessions;
		this.registration = registration;
		this.regions = regions;
		this.homeRegion = homeRegion;
		this.feedback = feedback;
		this.clock = clock;
	}

	@GetMapping("/login")
	String login(@RequestParam(required = false) @Nullable String next,
			@RequestParam(required = false) @Nullable String signOn, HttpServletRequest request, Model model) {
		model.addAttribute("next", LocalPath.orHome(next));
		signOnChoices(request, model);
		if ("failed".equals(signOn)) {
			// RULES §14: whatever went wrong, one message; the reason is in the log.
			model.addAttribute("error", this.feedback.message(new DomainException(ErrorCode.CAMPUS_SIGN_ON_FAILED)));
		}
		// Staying signed in is the default: WeChat's in-app browser closes often, and a
		// cookie that dies with it signs the volunteer out. 退出登录 in 我的 is the way out.
		model.addAttribute("rememberMe", true);
		return "identity/login";
	}

	@PostMapping("/login")
	String signIn(@RequestParam(required = false) @Nullable String account,
			@RequestParam(required = false) @Nullable String password,
			@RequestParam(required = false) @Nullable String rememberMe,
			@RequestParam(required = false) @Nullable String next, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		try {
			Account found = this.sessions.signIn(trim(account), password, rememberMe != null, request, response);
			java.util.Optional<String> linked = afterSignIn(found.id(), request, response);
			return "redirect:" + (found.mustChangePassword() ? SecurityConfiguration.PASSWORD_PAGE
					: linked.orElse(LocalPath.orHome(next)));
		}
		catch (DomainException ex) {
			signOnChoices(request, model);
			model.addAttribute("account", trim(account));
			model.addAttribute("next", LocalPath.orHome(next));
			model.addAttribute("rememberMe", rememberMe != null);
			return this.feedback.refuse(model, ex, response, "identity/login");
		}
	}

	@PostMapping("/logout")
	String signOut(HttpServletRequest request, HttpServletResponse response) {
		this.sessions.signOut(request, response);
		return "redirect:/login";
	}

	/**
	 * 我要注册; {@code next}: the page to go on to once registered (an activity passed on to
	 * recruit), as after signing in.
	 */
	@GetMapping("/register")
	String register(@RequestParam(required = false) @Nullable String next, HttpServletRequest request, Model model) {
		model.addAttribute("next", localOrNull(next));
		model.addAttribute("picker", this.regions.picker(this.homeRegion.of(request).code()));
		model.addAttribute("back", "/login");
		model.addAttribute("linkPending", linkPending(request));
		return "identity/register";
	}

	/**
	 * Checks an ID number as it is typed (RULES §1), without telling whether it is
	 * registered.
	 */
	@PostMapping("/register/id-number")
	String checkIdNumber(@RequestParam(required = false) @Nullable String idNumber, Model model) {
		try {
			model.addAttribute("normalized", IdNumber.parse(idNumber, today()).value());
		}
		catch (DomainException ex) {
			model.addAttribute("idError", this.feedback.message(ex));
		}
		return "identity/register :: id-check";
	}

	/**
	 * 下一步 (step 4 → 5) checks what can be checked without using up the SMS code; 注册并登录
	 * (step 5) registers, then signs the browser in.
	 */
	@PostMapping("/register")
	String registerStep(@ModelAttribute RegistrationForm form, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		String step = (form.step() != null) ? form.step() : "1";
		String name = (form.realName() != null) ? form.realName().strip() : "";
		RegionPicker picker = this.regions.picker(form.province(), form.city(), form.district());
		String regionCode = picker.chosen();
		String smsCode = form.smsCode();
		model.addAttribute("realName", name);
		model.addAttribute("idNumber",
				(form.idNumber() != null) ? form.idNumber().strip().toUpperCase(java.util.Locale.ROOT) : "");
		model.addAttribute("phone", (form.phone() != null) ? form.phone().strip() : "");
		model.addAttribute("smsCode", (smsCode != null) ? smsCode.strip() : "");
		model.addAttribute("picker", picker);
		model.addAttribute("back", "/login");
		model.addAttribute("next", localOrNull(form.next()));
		try {
			RealName.check(name);
			IdNumber parsed = IdNumber.parse(form.idNumber(), today());
			model.addAttribute("idNumber", parsed.value());
			PhoneNumber.parse(form.phone());
			if (regionCode == null) {
				throw new DomainException(ErrorCode.INVALID_REGION);
			}
			if (smsCode == null || smsCode.isBlank()) {
				throw DomainException.invalidField("smsCode", "ui.register.code.missing");
			}
			if ("1".equals(step)) {
				return "identity/register-password";
			}
			Account account = this.registration.register(name, parsed.value(), form.phone(), smsCode.strip(),
					form.password(), regionCode);
			this.sessions.signInAs(account.id(), false, request, response);
			String next = localOrNull(form.next());
			return "redirect:"
					+ afterSignIn(account.id(), request, response).orElse((next != null) ? next : "/?welcome");
		}
		catch (DomainException ex) {
			if (ex.code() == ErrorCode.INVALID_ID_NUMBER) {
				model.addAttribute("idError", this.feedback.message(ex));
			}
			boolean passwordStep = "2".equals(step) && ex.code() == ErrorCode.WEAK_PASSWORD;
			return this.feedback.refuse(model, ex, response,
					passwordStep ? "identity/register-password" : "identity/register");
		}
	}

	/**
	 * What the registration's two steps send: the person and their phone with its code
	 * and region (step 1), then the password too (step 2).
	 */
	record RegistrationForm(@Nullable String realName, @Nullable String idNumber, @Nullable String phone,
			@Nullable String smsCode, @Nullable String province, @Nullable String city, @Nullable String district,
			@Nullable String password, @Nullable String step, @Nullable String next) {
	}

	/** A path of this site to go on to, or null for none (the home page's welcome). */
	private static @Nullable String localOrNull(@Nullable String next) {
		String path = LocalPath.orHome(next);
		return "/".equals(path) ? null : path;
	}

	/**
	 * Campus sign-on beside the password form (RULES §14), and whether a campus identity
	 * waits for this sign-in to be linked.
	 */
	private void signOnChoices(HttpServletRequest request, Model model) {
		ExternalSignOn external = this.signOn.getIfAvailable();
		model.addAttribute("signOnOptions", (external != null) ? external.options() : java.util.List.of());
		model.addAttribute("linkPending", linkPending(request));
	}

	/** Whether a campus identity waits in this browser for a sign-in or registration. */
	private boolean linkPending(HttpServletRequest request) {
		ExternalSignOn external = this.signOn.getIfAvailable();
		return external != null && external.linkPending(request);
	}

	private java.util.Optional<String> afterSignIn(AccountId account, HttpServletRequest request,
			HttpServletResponse response) {
		ExternalSignOn external = this.signOn.getIfAvailable();
		return (external != null) ? external.afterSignIn(account, request, response) : java.util.Optional.empty();
	}

	private LocalDate today() {
		return ApplicationClock.today(this.clock);
	}

	private static @Nullable String trim(@Nullable String value) {
		return (value != null) ? value.strip() : null;
	}

}
