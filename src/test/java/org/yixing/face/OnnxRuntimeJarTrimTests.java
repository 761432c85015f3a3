package org.yixing.face;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build leaves ONNX Runtime's macOS debug symbols out of the executable jar and
 * nothing else.
 */
class OnnxRuntimeJarTrimTests {

	static final String DYLIB = "ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib";

	static final String DSYM = DYLIB + ".dSYM/Contents/Resources/DWARF/libonnxruntime.dylib";

	@TempDir
	Path folder;

	@Test
	void onnxRuntimesJarLosesItsDebugSymbolsAndKeepsEverythingElse() throws IOException {
		Map<String, byte[]> onnx = new LinkedHashMap<>();
		onnx.put("META-INF/MANIFEST.MF", text("Manifest-Version: 1.0\n"));
		onnx.put("ai/onnxruntime/OrtSession.class", text("class bytes"));
		onnx.put(DYLIB, text("the library ".repeat(1000)));
		onnx.put(DSYM, text("symbols ".repeat(5000)));
		onnx.put(DYLIB + ".dSYM/Contents/Info.plist", text("<plist/>"));
		onnx.put("ai/onnxruntime/native/linux-aarch64/libonnxruntime.so", text("arm library ".repeat(1000)));
		Map<String, byte[]> other = Map.of("x/y.dSYM/z", text("not ONNX Runtime's"));
		Path jar = executableJar(onnx, other);
		List<String> before = names(jar);
		byte[] classes = entry(jar, "BOOT-INF/classes/org/yixing/A.class");

		assertThat(OnnxRuntimeJarTrim.trim(jar)).isTrue();

		assertThat(names(jar)).isEqualTo(before);
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			ZipEntry nested = zip.getEntry("BOOT-INF/lib/onnxruntime-1.29.0.jar");
			assertThat(nested.getMethod()).as("stored, as Spring Boot's launcher needs").isEqualTo(ZipEntry.STORED);
			Map<String, byte[]> kept = entries(zip.getInputStream(nested).readAllBytes());
			assertThat(kept.keySet()).containsExactly("META-INF/MANIFEST.MF", "ai/onnxruntime/OrtSession.class", DYLIB,
					"ai/onnxruntime/native/linux-aarch64/libonnxruntime.so");
			for (Map.Entry<String, byte[]> e : kept.entrySet()) {
				assertThat(e.getValue()).as(e.getKey()).isEqualTo(onnx.get(e.getKey()));
			}
			assertThat(entries(zip.getInputStream(zip.getEntry("BOOT-INF/lib/other-1.0.jar")).readAllBytes()))
				.containsOnlyKeys("x/y.dSYM/z");
		}
		assertThat(entry(jar, "BOOT-INF/classes/org/yixing/A.class")).isEqualTo(classes);
	}

	@Test
	void aTrimmedJarIsLeftAsItIs() throws IOException {
		Path jar = executableJar(Map.of(DYLIB, text("lib"), DSYM, text("symbols")), Map.of());
		assertThat(OnnxRuntimeJarTrim.trim(jar)).isTrue();
		byte[] once = Files.readAllBytes(jar);

		assertThat(OnnxRuntimeJarTrim.trim(jar)).isFalse();

		assertThat(Files.readAllBytes(jar)).isEqualTo(once);
		assertThat(jar.resolveSibling(jar.getFileName() + ".part")).doesNotExist();
	}

	@Test
	void onlyOnnxRuntimesOwnJarIsTrimmed() {
		assertThat(OnnxRuntimeJarTrim.isOnnxRuntimeJar("BOOT-INF/lib/onnxruntime-1.29.0.jar")).isTrue();
		assertThat(OnnxRuntimeJarTrim.isOnnxRuntimeJar("BOOT-INF/lib/onnxruntime_gpu-1.29.0.jar")).isFalse();
		assertThat(OnnxRuntimeJarTrim.isOnnxRuntimeJar("BOOT-INF/lib/onnxruntime-1.29.0.jar/x.jar")).isFalse();
		assertThat(OnnxRuntimeJarTrim.isOnnxRuntimeJar("BOOT-INF/classes/onnxruntime-1.29.0.jar")).isFalse();
	}

	private Path executableJar(Map<String, byte[]> onnx, Map<String, byte[]> other) throws IOException {
		Path jar = this.folder.resolve("yixing.jar");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
			deflated(out, "META-INF/MANIFEST.MF",
					text("Main-Class: org.springframework.boot.loader.launch.JarLauncher\n"));
			deflated(out, "BOOT-INF/classes/org/yixing/A.class", text("our class ".repeat(100)));
			stored(out, "BOOT-INF/lib/onnxruntime-1.29.0.jar", jar(onnx));
			stored(out, "BOOT-INF/lib/other-1.0.jar", jar(other));
			deflated(out, "BOOT-INF/classpath.idx", text("- \"BOOT-INF/lib/onnxruntime-1.29.0.jar\"\n"));
		}
		return jar;
	}

	private static byte[] jar(Map<String, byte[]> entries) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream out = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> e : entries.entrySet()) {
				deflated(out, e.getKey(), e.getValue());
			}
		}
		return bytes.toByteArray();
	}

	private static void deflated(ZipOutputStream out, String name, byte[] content) throws IOException {
		out.putNextEntry(new ZipEntry(name));
		out.write(content);
		out.closeEntry();
	}

	private static void stored(ZipOutputStream out, String name, byte[] content) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setMethod(ZipEntry.STORED);
		entry.setSize(content.length);
		CRC32 crc = new CRC32();
		crc.update(content);
		entry.setCrc(crc.getValue());
		out.putNextEntry(entry);
		out.write(content);
		out.closeEntry();
	}

	private static List<String> names(Path jar) throws IOException {
		List<String> names = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				names.add(e.getName());
			}
		}
		return names;
	}

	private static byte[] entry(Path jar, String name) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(name))) {
			return in.readAllBytes();
		}
	}

	private static Map<String, byte[]> entries(byte[] jar) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
			for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				entries.put(e.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

	private static byte[] text(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

}
