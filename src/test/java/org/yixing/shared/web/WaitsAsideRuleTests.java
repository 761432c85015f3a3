package org.yixing.shared.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * A request to a remote service is awaited {@link LongWaits aside}: a slow SMS provider
 * or identity provider must not hold Tomcat's request threads, which the check-ins need.
 */
class WaitsAsideRuleTests {

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.yixing");

	@Test
	void remoteServicesAreCalledThroughLongWaitsOnly() {
		noClasses().that()
			.doNotBelongToAnyOf(LongWaits.class)
			.should()
			.callMethod(HttpClient.class, "send", HttpRequest.class, HttpResponse.BodyHandler.class)
			.because("LongWaits.send lends the request thread's place while the answer is awaited")
			.check(classes);
	}

}
