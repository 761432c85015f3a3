package org.yixing.shared;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Spring Boot's report of a failed start, for a {@link StartRefused} anywhere in the
 * chain of causes: its description and its action, which Spring Boot logs as one error
 * with no stack trace (the trace follows at debug level). Registered in
 * {@code META-INF/spring.factories}.
 */
class StartRefusalAnalyzer extends AbstractFailureAnalyzer<StartRefused> implements Ordered {

	/**
	 * Before Spring Boot's own analyzers: a refusal inside a failed binding says more
	 * than "Failed to bind properties".
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StartRefused cause) {
		return new FailureAnalysis(cause.description() + ".", cause.action(), cause);
	}

}
