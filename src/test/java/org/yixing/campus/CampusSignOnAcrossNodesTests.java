package org.yixing.campus;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.util.UriComponentsBuilder;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.CampusLogins;
import org.yixing.test.Keycloak;
import org.yixing.test.Organizations;
import org.yixing.test.SecondNode;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campus sign-on on two nodes of one database (RULES §14): a sign-in begun on one node is
 * finished by the other, as behind a load balancer without sticky sessions, and taken
 * once there too.
 */
@ApiTest
class CampusSignOnAcrossNodesTests {

	@RegisterExtension
	static final SecondNode second = new SecondNode();

	@Autowired
	Api api;

	@Value("${local.server.port}")
	int port;

	@Test
	void aSignInBegunOnOneNodeIsFinishedByTheOtherAndTakenOnce() {
		String university = CampusLogins.connectedUniversity(this.api, new Organizations(this.api), "双节点大学",
				Keycloak.started().issuer(), false);
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		WebSession browser = WebSession.signedIn(this.port, volunteer.idNumber(), Volunteers.PASSWORD);
		URI callback = CampusLogins.atProvider(browser, CampusLogins.authorization(browser, university), "2023010101");
		int otherPort = second.port();
		URI onTheOtherNode = UriComponentsBuilder.fromUri(callback).port(otherPort).build(true).toUri();
		assertThat(browser.send(HttpRequest.newBuilder(onTheOtherNode).GET()).header("Location"))
			.isEqualTo("/me/campus-sign-on?linked");
		assertThat(browser.send(HttpRequest.newBuilder(callback).GET()).header("Location"))
			.as("the same callback on the first node")
			.isEqualTo("/login?signOn=failed");
		assertThat(
				this.api.get("/me", volunteer.token()).body().get("campusIdentities").get(0).get("number").asString())
			.isEqualTo("2023010101");
	}

}
