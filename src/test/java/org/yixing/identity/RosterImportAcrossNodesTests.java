package org.yixing.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.SecondNode;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A roster import in the background on one node is followed on another, as behind a load
 * balancer: its progress is in the database, while the roster stays with the node that
 * imports it.
 */
@ApiTest
class RosterImportAcrossNodesTests {

	@RegisterExtension
	static final SecondNode second = new SecondNode();

	@Autowired
	Api api;

	@Autowired
	PasswordWork work;

	@Test
	void anImportStartedOnOneNodeIsFollowedOnTheOther() throws Exception {
		String staff = new Volunteers(this.api).login(Staff.ID_NUMBER, Staff.PASSWORD);
		String id;
		// every turn at hashing taken on the first node: its import waits at its first
		// account
		try (EveryTurnHeld held = new EveryTurnHeld(this.work)) {
			Api.Response started = this.api.send("POST", "/admin/account-import-jobs",
					BackgroundRosterImportTests.roster("甲", 3), staff, Map.of("Content-Type", "text/csv"));
			assertThat(started.status()).as(started.toString()).isEqualTo(202);
			id = started.field("id");
			assertThat(held.untilSomeoneWaits()).isEqualTo(1);
			Api.Response elsewhere = second.api().get("/admin/account-import-jobs/" + id, staff);
			assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(200);
			assertThat(elsewhere.body().path("status").asString()).isEqualTo("RUNNING");
			assertThat(elsewhere.body().path("lines").asInt()).isEqualTo(4);
			assertThat(elsewhere.body().path("created").asInt()).isZero();
		}
		Api.Response done = RosterImportApiTests.followed(second.api(), id, staff);
		assertThat(done.body().path("status").asString()).as(done.toString()).isEqualTo("DONE");
		assertThat(done.body().path("created").asInt()).isEqualTo(3);
		assertThat(done.body().path("linesDone").asInt()).isEqualTo(4);
	}

}
