package org.yixing.notice;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Organizations;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A volunteer is told what was decided on their membership requests (RULES §4). */
@ApiTest
class NoticeApiTests {

	@Autowired
	Api api;

	@Test
	void anApprovedAndARejectedRequestBecomeNoticesInTheReadersLanguage() {
		Organizations organizations = new Organizations(this.api);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		String accounting = organizations.createTopLevel("会计学院志愿者协会");
		String finance = organizations.createTopLevel("金融学院志愿者协会");
		String staff = organizations.staffToken();
		this.api.post("/membership-requests/" + organizations.apply(accounting, volunteer.token()) + "/approve", null,
				staff);
		this.api.post("/membership-requests/" + organizations.apply(finance, volunteer.token()) + "/reject",
				Map.of("reason", "请先参加培训"), staff);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.api.get("/me/notices", volunteer.token()).body().size() == 2);
		Api.Response notices = this.api.get("/me/notices", volunteer.token());
		assertThat(notices.body().findValuesAsString("text")).containsExactlyInAnyOrder("您加入「会计学院志愿者协会」的申请已通过审核",
				"您加入「金融学院志愿者协会」的申请未通过：请先参加培训");
		Api.Response english = this.api.send("GET", "/me/notices", null, volunteer.token(),
				Map.of("Accept-Language", "en"));
		assertThat(english.body().findValuesAsString("text")).contains("Your request to join 会计学院志愿者协会 was approved");
		assertThat(this.api.get("/me/notices", null).code()).isEqualTo("UNAUTHENTICATED");
	}

}
