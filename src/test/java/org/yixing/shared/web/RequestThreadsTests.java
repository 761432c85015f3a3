package org.yixing.shared.web;

import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Tomcat works on 16 requests per CPU at once, unless the operator says otherwise. */
@ApiTest
class RequestThreadsTests {

	@Autowired
	ServletWebServerApplicationContext context;

	@Test
	void theRunningServerWorksOnSixteenRequestsPerCpuAtOnce() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		AbstractProtocol<?> protocol = (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();
		assertThat(protocol.getMaxThreads())
			.isEqualTo(RequestThreads.forCpus(Runtime.getRuntime().availableProcessors()));
	}

	@Test
	void sixteenPerCpuUpToTomcatsOwnDefault() {
		assertThat(RequestThreads.forCpus(1)).isEqualTo(16);
		assertThat(RequestThreads.forCpus(2)).isEqualTo(32);
		assertThat(RequestThreads.forCpus(8)).isEqualTo(128);
		assertThat(RequestThreads.forCpus(64)).isEqualTo(200);
	}

	@Test
	void anOperatorsSettingWins() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		new RequestThreads(new MockEnvironment().withProperty(RequestThreads.PROPERTY, "400")).customize(factory);
		assertThat(factory.getConnectorCustomizers()).isEmpty();
		new RequestThreads(new MockEnvironment()).customize(factory);
		assertThat(factory.getConnectorCustomizers()).hasSize(1);
	}

}
