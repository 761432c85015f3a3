package org.yixing.organization;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.Reason;
import org.yixing.shared.ReviewStatus;

/** Membership requests, members and admins (docs/API.md). */
@RestController
@RequestMapping("/api/v1")
class MembershipController {

	private final MembershipManagement management;

	private final AccountDirectory accounts;

	private final Organizations organizations;

	private final OrganizationDirectory directory;

	private final MemberBatch batch;

	MembershipController(MembershipManagement management, AccountDirectory accounts, Organizations organizations,
			OrganizationDirectory directory, MemberBatch batch) {
		this.batch = batch;
		this.directory = directory;
		this.management = management;
		this.accounts = accounts;
		this.organizations = organizations;
	}

	@PostMapping("/organizations/{id}/membership-requests")
	@ResponseStatus(HttpStatus.CREATED)
	RequestView apply(AuthenticatedAccount caller, @PathVariable UUID id,
			@Valid @RequestBody(required = false) @Nullable Application request) {
		return views(List
			.of(this.management.apply(caller, new OrganizationId(id), (request != null) ? request.message() : null)))
			.get(0);
	}

	@AdminOnly
	@GetMapping("/organizations/{id}/membership-requests")
	List<RequestView> requests(AuthenticatedAccount caller, @PathVariable UUID id,
			@RequestParam(required = false) @Nullable ReviewStatus status) {
		return views(this.management.requests(caller, new OrganizationId(id), status));
	}

	@GetMapping("/me/membership-requests")
	List<RequestView> myRequests(AuthenticatedAccount caller) {
		return views(this.management.myRequests(caller));
	}

	@AdminOnly
	@PostMapping("/membership-requests/{id}/approve")
	RequestView approve(AuthenticatedAccount caller, @PathVariable UUID id) {
		return views(List.of(this.management.approve(caller, id))).get(0);
	}

	@AdminOnly
	@PostMapping("/membership-requests/{id}/reject")
	RequestView reject(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody Rejection request) {
		return views(List.of(this.management.reject(caller, id, request.reason()))).get(0);
	}

	@AdminOnly
	@GetMapping("/organizations/{id}/members")
	List<MemberView> members(AuthenticatedAccount caller, @PathVariable UUID id) {
		List<Memberships.Member> members = this.management.members(caller, new OrganizationId(id));
		Map<AccountId, AccountDirectory.AccountSummary> people = this.accounts
			.findAll(members.stream().map(Memberships.Member::accountId).toList());
		Map<UUID, String> numbers = this.directory.studentNumbers(new OrganizationId(id),
				members.stream().map((m) -> m.accountId().value()).toList());
		return members.stream()
			.map((m) -> MemberView.of(m, people.get(m.accountId()), numbers.get(m.accountId().value())))
			.toList();
	}

	@AdminOnly
	@PostMapping("/organizations/{id}/members")
	@ResponseStatus(HttpStatus.CREATED)
	MemberView addMember(AuthenticatedAccount caller, @PathVariable UUID id, @Valid @RequestBody NewMember request) {
		Memberships.Member member = this.management.addByIdNumber(caller, new OrganizationId(id), request.idNumber());
		return MemberView.of(member, this.accounts.find(member.accountId()).orElse(null),
				this.directory.studentNumbers(new OrganizationId(id), List.of(member.accountId().value()))
					.get(member.accountId().value()));
	}

	/**
	 * 批量添加成员: up to 500 ID numbers at once, each added as {@code POST .../members} adds
	 * one; a volunteer already a member is counted, a line that cannot be added is named
	 * with its code and message (NOT_FOUND: no account has this ID number).
	 */
	@AdminOnly
	@PostMapping("/organizations/{id}/members/batch")
	MemberBatch.Result addMembers(AuthenticatedAccount caller, @PathVariable UUID id,
			@Valid @RequestBody NewMembers request, Locale locale) {
		return this.batch.add(caller, new OrganizationId(id), request.idNumbers(), locale);
	}

	@DeleteMapping("/organizations/{id}/members/{accountId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void removeMember(AuthenticatedAccount caller, @PathVariable UUID id, @PathVariable UUID accountId) {
		this.management.remove(caller, new OrganizationId(id), new AccountId(accountId));
	}

	@AdminOnly
	@PutMapping("/organizations/{id}/admins/{accountId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void grantAdmin(AuthenticatedAccount caller, @PathVariable UUID id, @PathVariable UUID accountId) {
		this.management.grantAdmin(caller, new OrganizationId(id), new AccountId(accountId));
	}

	@AdminOnly
	@DeleteMapping("/organizations/{id}/admins/{accountId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revokeAdmin(AuthenticatedAccount caller, @PathVariable UUID id, @PathVariable UUID accountId) {
		this.management.revokeAdmin(caller, new OrganizationId(id), new AccountId(accountId));
	}

	@GetMapping("/me/organizations")
	List<MyOrganizationView> myOrganizations(AuthenticatedAccount caller) {
		return this.management.organizationsOf(caller).stream().map(MyOrganizationView::of).toList();
	}

	private List<RequestView> views(Collection<Memberships.Request> requests) {
		Map<AccountId, AccountDirectory.AccountSummary> people = this.accounts
			.findAll(requests.stream().map(Memberships.Request::accountId).distinct().toList());
		Map<OrganizationId, String> names = new HashMap<>();
		return requests.stream().map((r) -> {
			AccountDirectory.AccountSummary person = people.get(r.accountId());
			String organizationName = names.computeIfAbsent(r.organizationId(),
					(id) -> this.organizations.find(id).map(Organization::name).orElse(""));
			return new RequestView(r.id().toString(), r.organizationId().toString(), organizationName,
					r.accountId().toString(), (person != null) ? person.realName() : null,
					(person != null) ? person.idNumberMasked() : null, r.message(), r.status(), r.reason(),
					r.createdAt(), r.decidedAt());
		}).toList();
	}

	record Application(@Nullable @Size(max = MembershipManagement.MAX_MESSAGE) String message) {
	}

	record Rejection(@NotBlank @Size(max = Reason.MAX) String reason) {
	}

	record NewMember(@NotBlank String idNumber) {
	}

	/** ID numbers, one an entry; blank entries are skipped. */
	record NewMembers(@NotNull @Size(max = MemberBatch.MAX_LINES) List<@NotNull @Size(max = 64) String> idNumbers) {
	}

	record RequestView(String id, String organizationId, String organizationName, String accountId,
			@Nullable String realName, @Nullable String idNumberMasked, String message, ReviewStatus status,
			@Nullable String reason, Instant createdAt, @Nullable Instant decidedAt) {
	}

	/**
	 * @param studentNumber the 学号/工号 from the university's campus sign-on (RULES §14),
	 * when the member linked it
	 */
	record MemberView(String accountId, @Nullable String realName, @Nullable String idNumberMasked, MemberRole role,
			Instant joinedAt, @Nullable String studentNumber) {

		static MemberView of(Memberships.Member member, AccountDirectory.@Nullable AccountSummary person,
				@Nullable String studentNumber) {
			return new MemberView(member.accountId().toString(), (person != null) ? person.realName() : null,
					(person != null) ? person.idNumberMasked() : null, member.role(), member.joinedAt(), studentNumber);
		}

	}

	record MyOrganizationView(String id, String name, String regionCode, @Nullable String parentId,
			Visibility visibility, boolean archived, MemberRole role, Instant joinedAt) {

		static MyOrganizationView of(Memberships.MyOrganization mine) {
			Organization o = mine.organization();
			return new MyOrganizationView(o.id().toString(), o.name(), o.regionCode(),
					(o.parentId() != null) ? o.parentId().toString() : null, o.visibility(), o.archived(), mine.role(),
					mine.joinedAt());
		}

	}

}
