package org.yixing.organization;

/** Whether an organization appears in search (RULES §4). */
public enum Visibility {

	LISTED, HIDDEN

}
