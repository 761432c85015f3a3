package org.yixing.test;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/** Creates organizations and memberships through the API. */
public final class Organizations {

	private final Api api;

	private final Volunteers volunteers;

	public Organizations(Api api) {
		this.api = api;
		this.volunteers = new Volunteers(api);
	}

	public String staffToken() {
		return this.volunteers.login(Staff.ID_NUMBER, Staff.PASSWORD);
	}

	public String create(String token, @Nullable String parentId, String name, String regionCode, String visibility) {
		Map<String, Object> body = new HashMap<>(
				Map.of("name", name, "regionCode", regionCode, "visibility", visibility));
		if (parentId != null) {
			body.put("parentId", parentId);
		}
		Api.Response created = this.api.post("/organizations", body, token);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.field("id");
	}

	public String createTopLevel(String name) {
		return create(staffToken(), null, name, "420111", "LISTED");
	}

	public void makeAdmin(String organizationId, String accountId) {
		Api.Response granted = this.api.put("/organizations/" + organizationId + "/admins/" + accountId, null,
				staffToken());
		assertThat(granted.status()).as(granted.toString()).isEqualTo(204);
	}

	public void addMember(String organizationId, String idNumber) {
		Api.Response added = this.api.post("/organizations/" + organizationId + "/members",
				Map.of("idNumber", idNumber), staffToken());
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
	}

	public String apply(String organizationId, String token) {
		Api.Response applied = this.api.post("/organizations/" + organizationId + "/membership-requests",
				Map.of("message", "请让我加入"), token);
		assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
		return applied.field("id");
	}

}
