package org.yixing;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Started with a Java older than 21, the jar says which Java Yixing needs instead of
 * failing with a stack trace.
 */
class StartTests {

	/** Debian 12's default Java, where this machine has it. */
	private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

	@Test
	void theStartClassIsCompiledForJava17AndTheApplicationForJava21() throws Exception {
		assertThat(classFileVersion(Start.class)).as("Java 17's class files").isEqualTo(61);
		assertThat(classFileVersion(YixingApplication.class)).as("Java 21's class files").isEqualTo(65);
	}

	@Test
	void onJava17TheStartSaysWhichJavaYixingNeedsAndExitsWithStatus1() throws Exception {
		assumeTrue(Files.isExecutable(JAVA_17), "no Java 17 at " + JAVA_17);
		Path classes = Path.of(Start.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Process java = new ProcessBuilder(JAVA_17.toString(), "-cp", classes.toString(), Start.class.getName())
			.redirectErrorStream(true)
			.start();
		String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();

		assertThat(java.exitValue()).isEqualTo(1);
		assertThat(output).startsWith("Yixing needs Java 21 or later; this java is Java 17 (")
			.contains("apt install openjdk-21-jre-headless")
			.doesNotContain("UnsupportedClassVersionError")
			.doesNotContain("\tat ");
	}

	private static int classFileVersion(Class<?> type) throws Exception {
		try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class");
				DataInputStream data = new DataInputStream(in)) {
			data.readInt(); // 0xCAFEBABE
			data.readUnsignedShort(); // minor
			return data.readUnsignedShort();
		}
	}

}
