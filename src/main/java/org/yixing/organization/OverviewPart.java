package org.yixing.organization;

import java.util.List;
import java.util.Optional;

import org.yixing.identity.AuthenticatedAccount;

/**
 * A part of the console's 概览 that another module adds: what needs an admin today, read
 * where its rules live (the organization module reads nothing of theirs; dependencies
 * point towards it). Each part is a fragment {@code overview-part(part)} of its module's
 * template, given the model returned here.
 */
public interface OverviewPart {

	/**
	 * What to show for the organizations of the 概览 (those the caller administers; the top
	 * level for staff) and every organization below them, all given here once for every
	 * part; empty when there is nothing to show.
	 */
	Optional<Shown> of(AuthenticatedAccount caller, List<OrganizationId> organizations);

	/**
	 * @param template the template holding the fragment {@code overview-part(part)}
	 * @param model what the fragment is given as {@code part}
	 * @param order lower first
	 */
	record Shown(String template, Object model, int order) {
	}

}
