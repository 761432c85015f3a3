package org.yixing.shared.web;

import org.jspecify.annotations.Nullable;

/**
 * Where a page may send the browser next: only a path of this site, never another host.
 */
public final class LocalPath {

	private LocalPath() {
	}

	/** {@code next} when it is a path of this site, else {@code /}. */
	public static String orHome(@Nullable String next) {
		return (next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
				&& !next.contains("\r") && !next.contains("\n")) ? next : "/";
	}

}
