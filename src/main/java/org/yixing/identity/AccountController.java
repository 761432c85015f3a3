package org.yixing.identity;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration, login/logout and the volunteer's own account (docs/API.md). */
@RestController
@RequestMapping("/api/v1")
class AccountController {

	private final AccountRegistration registration;

	private final Logins logins;

	private final AccessTokens tokens;

	private final AccountSettings settings;

	private final CampusIdentities campusIdentities;

	private final ObjectProvider<ExternalSignOn> signOn;

	AccountController(AccountRegistration registration, Logins logins, AccessTokens tokens, AccountSettings settings,
			CampusIdentities campusIdentities, ObjectProvider<ExternalSignOn> signOn) {
		this.campusIdentities = campusIdentities;
		this.signOn = signOn;
		this.registration = registration;
		this.logins = logins;
		this.tokens = tokens;
		this.settings = settings;
	}

	@PostMapping("/accounts")
	@ResponseStatus(HttpStatus.CREATED)
	RegisteredAccount register(@Valid @RequestBody Registration request) {
		Account account = this.registration.register(request.realName(), request.idNumber(), request.phone(),
				request.smsCode(), request.password(), request.regionCode());
		return new RegisteredAccount(account.id().toString(), account.realName(), account.idNumberMasked(),
				account.phoneMasked(), account.regionCode());
	}

	@PostMapping("/auth/token")
	Logins.TokenIssued login(@Valid @RequestBody Login request) {
		return this.logins.login(request.account(), request.password());
	}

	/** Logout: revokes the presented token. */
	@DeleteMapping("/auth/token")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(AuthenticatedAccount me, HttpServletRequest request) {
		this.tokens.revoke(SecurityConfiguration.bearerToken(request));
	}

	@GetMapping("/me")
	Me me(AuthenticatedAccount me) {
		Account account = this.settings.get(me.id());
		return new Me(account.id().toString(), account.realName(), this.settings.idNumberOf(account),
				account.idNumberMasked(), account.phoneMasked(), account.regionCode(), me.roles(),
				account.mustChangePassword(), account.securityQuestion(), campusIdentities(me.id()));
	}

	/** The campus identities linked to the account, with their 学号/工号 (RULES §14). */
	private List<CampusIdentity> campusIdentities(AccountId account) {
		List<CampusIdentities.Link> links = this.campusIdentities.linksOf(account);
		if (links.isEmpty()) {
			return List.of();
		}
		ExternalSignOn external = this.signOn.getIfAvailable();
		java.util.Map<java.util.UUID, String> names = (external != null)
				? external.universityNames(links.stream().map(CampusIdentities.Link::organization).toList())
				: java.util.Map.of();
		return links.stream()
			.map((link) -> new CampusIdentity(link.organization().toString(),
					names.getOrDefault(link.organization(), ""), link.number()))
			.toList();
	}

	@PutMapping("/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changePassword(AuthenticatedAccount me, @Valid @RequestBody PasswordChange request, HttpServletRequest http) {
		this.settings.changePassword(me.id(), request.currentPassword(), request.newPassword(),
				SecurityConfiguration.bearerToken(http));
	}

	@PutMapping("/me/phone")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void bindPhone(AuthenticatedAccount me, @Valid @RequestBody PhoneBinding request) {
		this.settings.checkPassword(me.id(), request.currentPassword());
		this.settings.bindPhone(me.id(), request.phone(), request.smsCode());
	}

	@PutMapping("/me/security-question")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void setSecurityQuestion(AuthenticatedAccount me, @Valid @RequestBody SecurityQuestion request) {
		this.settings.checkPassword(me.id(), request.currentPassword());
		this.settings.setSecurityQuestion(me.id(), request.question(), request.answer());
	}

	record Registration(@NotBlank @Size(max = RealName.MAX) String realName, @NotBlank String idNumber,
			@NotBlank String phone, @Nullable String smsCode, @NotBlank String password, @NotBlank String regionCode) {
	}

	record RegisteredAccount(String id, String realName, String idNumberMasked, @Nullable String phoneMasked,
			@Nullable String regionCode) {
	}

	record Login(@NotBlank String account, @NotBlank String password) {
	}

	record Me(String id, String realName, String idNumber, String idNumberMasked, @Nullable String phoneMasked,
			@Nullable String regionCode, List<String> roles, boolean mustChangePassword,
			@Nullable String securityQuestion, List<CampusIdentity> campusIdentities) {
	}

	/**
	 * @param number the 学号/工号 the university's identity provider gave
	 */
	record CampusIdentity(String organizationId, String organizationName, @Nullable String number) {
	}

	record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword) {
	}

	/** {@code currentPassword}: what recovers the account changes only with it. */
	record PhoneBinding(@NotBlank String phone, @Nullable String smsCode, @Nullable String currentPassword) {
	}

	record SecurityQuestion(@NotBlank @Size(max = AccountSettings.MAX_QUESTION) String question,
			@NotBlank @Size(max = AccountSettings.MAX_QUESTION) String answer, @Nullable String currentPassword) {
	}

}
