package org.yixing.shared.web;

import io.micrometer.common.KeyValues;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.yixing.shared.Problems;

/**
 * {@code http.server.requests} with one tag more, {@code problem}: the code of the
 * problem+json a request was answered with (RULES.md's codes, e.g. {@code OUT_OF_RANGE},
 * {@code SERVICE_UNAVAILABLE}), {@code none} for every other answer. A status says that
 * check-ins fail; the code says why, so that an operator can tell volunteers checking in
 * outside the fence at 8:00 (a fence drawn in the wrong place) from a database that is
 * out of reach. The codes are a fixed list, so the tag adds few series
 * (docs/OPERATIONS.md, "Health and metrics").
 */
@Component
class ProblemTaggedRequests extends DefaultServerRequestObservationConvention {

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		return super.getLowCardinalityKeyValues(context).and("problem", Problems.answeredWith(context.getCarrier()));
	}

}
