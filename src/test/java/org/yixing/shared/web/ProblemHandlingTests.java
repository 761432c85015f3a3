package org.yixing.shared.web;

import java.io.IOException;

import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemHandlingTests {

	// No problem catalogue: answering nobody needs none.
	private final ProblemHandling handling = new ProblemHandling(null, new StaticMessageSource());

	private final ServletWebRequest request = new ServletWebRequest(
			new MockHttpServletRequest("GET", "/assets/app.js"));

	@Test
	void aClientThatWentAwayGetsNoAnswerAndIsNoError() {
		assertThat(this.handling.unexpected(new ClientAbortException(new IOException("Broken pipe")), this.request))
			.isNull();
		assertThat(this.handling.unexpected(new IOException("Connection reset by peer"), this.request)).isNull();
	}

}
