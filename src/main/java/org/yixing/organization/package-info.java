/**
 * Organizations (RULES §4): the tree of universities, college associations and teams,
 * search, membership and the scopes of organization admins. Public:
 * {@link org.yixing.organization.OrganizationId},
 * {@link org.yixing.organization.OrganizationDirectory} and
 * {@link org.yixing.organization.OrganizationPolicy}.
 */
@NullMarked
package org.yixing.organization;

import org.jspecify.annotations.NullMarked;
