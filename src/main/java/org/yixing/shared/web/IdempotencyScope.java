package org.yixing.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whose {@code Idempotency-Key}s a request's key is among: the caller's, as the module
 * that knows callers (identity) says, so that two callers' equal keys never meet.
 */
@FunctionalInterface
public interface IdempotencyScope {

	/** The caller's scope, or one shared scope for requests without a caller. */
	String of(HttpServletRequest request);

}
