package org.yixing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's start class: on a Java older than {@value #REQUIRED}, where the application's
 * own classes would fail with {@code UnsupportedClassVersionError} and a stack trace, it
 * says which Java Yixing needs and exits with status 1 (the default {@code java} of
 * Debian 12, for one, is 17). Compiled for Java 17, the oldest that Spring Boot's
 * launcher runs on (pom.xml, execution {@code start-class-java-17}); it names the
 * application, and the start-up cache ({@code StartCache}) and the class archive of
 * {@code mvn spring-boot:run} ({@code ClassArchive}) before it, only by reflection, so
 * that nothing of Java {@value #REQUIRED} is loaded before the check.
 */
public final class Start {

	static final int REQUIRED = 21;

	private Start() {
	}

	public static void main(String[] args) throws Throwable {
		int running = Runtime.version().feature();
		if (running < REQUIRED) {
			System.err.println(tooOld(running, System.getProperty("java.home")));
			System.exit(1);
		}
		Method keepArchive = Class.forName("org.yixing.ClassArchive").getDeclaredMethod("keepInStep", String[].class);
		keepArchive.invoke(null, (Object) args);
		Method fromCache = Class.forName("org.yixing.StartCache").getDeclaredMethod("startFromCache", String[].class);
		fromCache.invoke(null, (Object) args);
		Method main = Class.forName("org.yixing.YixingApplication").getMethod("main", String[].class);
		try {
			main.invoke(null, (Object) args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	static String tooOld(int running, String javaHome) {
		return "Yixing needs Java " + REQUIRED + " or later; this java is Java " + running + " (" + javaHome + ").\n"
				+ "Install Java " + REQUIRED + " or later (Debian 13, Ubuntu 22.04 and later: "
				+ "apt install openjdk-21-jre-headless), then start Yixing with that java, e.g.\n"
				+ "  /usr/lib/jvm/java-21-openjdk-amd64/bin/java -jar yixing.jar";
	}

}
