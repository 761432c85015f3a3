package org.yixing.shared;

import org.jspecify.annotations.Nullable;

/**
 * Yixing will not start with these settings or on the data it found, and says what to do:
 * a missing setting, a database that refuses its password, a restore that would overwrite
 * a database. Spring Boot shows it under "APPLICATION FAILED TO START" as a description
 * and an action ({@link StartRefusalAnalyzer}), instead of a chain of bean errors with
 * the reason at the end of its longest line.
 */
public class StartRefused extends IllegalStateException {

	private final String description;

	private final String action;

	/**
	 * @param description what is wrong, naming the setting, file or folder
	 * @param action what the operator does about it
	 */
	public StartRefused(String description, String action) {
		this(description, action, null);
	}

	public StartRefused(String description, String action, @Nullable Throwable cause) {
		super(description + ". " + action, cause);
		this.description = description;
		this.action = action;
	}

	public String description() {
		return this.description;
	}

	public String action() {
		return this.action;
	}

}
