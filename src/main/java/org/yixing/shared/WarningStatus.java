package org.yixing.shared;

import org.springframework.boot.health.contributor.Status;

/**
 * The health status of what an operator must hear of while the node still serves: a
 * missed backup, a filling data disk, a clock that disagrees with the database's. Worse
 * than UP, answered with HTTP 200 and never failing readiness
 * ({@code management.endpoint.health.status.order} in application.properties).
 */
public final class WarningStatus {

	public static final Status WARNING = new Status("WARNING");

	private WarningStatus() {
	}

}
