package org.yixing.shared.db;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Yixing runs where its face models run: every platform ONNX Runtime ships its library
 * for has its own embedded PostgreSQL in the build too (zonky's name for it), so that a
 * Linux ARM64 server (Kunpeng) or a Mac on Apple silicon starts on its own binaries and
 * not on none, or on emulated ones with a warning.
 */
class PlatformBinariesTests {

	/** ONNX Runtime's folder and library, by zonky's binary for the same platform. */
	private static final Map<String, String> PLATFORMS = new LinkedHashMap<>();

	static {
		PLATFORMS.put("linux-x64/libonnxruntime.so", "postgres-linux-x86_64.txz");
		PLATFORMS.put("linux-aarch64/libonnxruntime.so", "postgres-linux-arm_64.txz");
		PLATFORMS.put("osx-x64/libonnxruntime.dylib", "postgres-darwin-x86_64.txz");
		PLATFORMS.put("osx-aarch64/libonnxruntime.dylib", "postgres-darwin-arm_64.txz");
		PLATFORMS.put("win-x64/onnxruntime.dll", "postgres-windows-x86_64.txz");
		PLATFORMS.put("win-aarch64/onnxruntime.dll", "postgres-windows-arm_64.txz");
	}

	private final ClassLoader classes = getClass().getClassLoader();

	@Test
	void everyPlatformTheFaceModelsRunOnHasItsOwnEmbeddedPostgresql() {
		int platforms = 0;
		for (Map.Entry<String, String> platform : PLATFORMS.entrySet()) {
			if (this.classes.getResource("ai/onnxruntime/native/" + platform.getKey()) != null) {
				platforms++;
				assertThat(this.classes.getResource(platform.getValue())).as(platform.getKey()).isNotNull();
			}
		}
		// Linux x86-64 and ARM64 at least: the servers
		assertThat(platforms).isGreaterThanOrEqualTo(2);
		assertThat(this.classes.getResource("postgres-linux-arm_64.txz")).isNotNull();
	}

}
