package org.yixing.organization;

/**
 * A member's role in an organization (RULES §4): {@code ADMIN}s manage it and everything
 * below it; {@code MEMBER}s serve.
 */
public enum MemberRole {

	MEMBER, ADMIN

}
