package org.yixing.face;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Run by the build ({@code package}, after Spring Boot's repackage; see pom.xml): leaves
 * the macOS debug symbols out of ONNX Runtime's jar inside the executable jar.
 * <p>
 * ONNX Runtime's jar carries its native library for the four platforms Yixing runs on,
 * and beside the macOS one a {@code libonnxruntime.dylib.dSYM} folder of debug symbols:
 * 73 MB unpacked, 16 MB of the 54 MB jar, a fifteenth of the executable jar, read by
 * nothing at run time (issue 25, docs/PERFORMANCE.md "Start-up and memory"). Every other
 * entry, of ONNX Runtime's jar and of the executable jar, is copied as it was, compressed
 * bytes and all; ONNX Runtime's jar keeps its name and stays uncompressed inside the
 * executable jar, as Spring Boot's launcher needs it. The result is checked before it
 * replaces the jar: the same entries in the same order, ONNX Runtime's less only its
 * debug symbols, each with the checksum it had. Running it again changes nothing.
 */
public final class OnnxRuntimeJarTrim {

	/** ONNX Runtime's jar inside the executable jar. */
	static final String NESTED_PREFIX = "BOOT-INF/lib/onnxruntime-";

	private OnnxRuntimeJarTrim() {
	}

	/**
	 * Trims the executable jar in place.
	 * @param args the executable jar
	 * @throws IOException if the jar cannot be read or written, or the result is not what
	 * it should be
	 */
	public static void main(String[] args) throws IOException {
		Path jar = Path.of(args[0]);
		long before = Files.size(jar);
		if (trim(jar)) {
			System.out.printf("ONNX Runtime's macOS debug symbols left out of %s: %.1f → %.1f MB%n", jar.getFileName(),
					before / 1e6, Files.size(jar) / 1e6);
		}
	}

	/** Whether an entry of ONNX Runtime's jar is debug symbols. */
	static boolean isDebugSymbols(String name) {
		return name.contains(".dSYM/");
	}

	static boolean isOnnxRuntimeJar(String name) {
		return name.startsWith(NESTED_PREFIX) && name.endsWith(".jar") && name.indexOf('/', NESTED_PREFIX.length()) < 0;
	}

	/**
	 * Rewrites the executable jar without ONNX Runtime's debug symbols.
	 * @return false when there were none (nothing written)
	 */
	static boolean trim(Path jar) throws IOException {
		Path partial = jar.resolveSibling(jar.getFileName() + ".part");
		try (ZipFile in = ZipFile.builder().setPath(jar).get()) {
			Map<String, byte[]> trimmed = new HashMap<>();
			for (ZipArchiveEntry entry : Collections.list(in.getEntries())) {
				if (isOnnxRuntimeJar(entry.getName())) {
					byte[] nested = withoutDebugSymbols(read(in, entry));
					if (nested != null) {
						trimmed.put(entry.getName(), nested);
					}
				}
			}
			if (trimmed.isEmpty()) {
				return false;
			}
			try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(partial)) {
				for (ZipArchiveEntry entry : Collections.list(in.getEntriesInPhysicalOrder())) {
					byte[] nested = trimmed.get(entry.getName());
					if (nested == null) {
						try (InputStream raw = in.getRawInputStream(entry)) {
							out.addRawArchiveEntry(entry, raw);
						}
						continue;
					}
					ZipArchiveEntry stored = new ZipArchiveEntry(entry.getName());
					stored.setMethod(ZipEntry.STORED);
					stored.setSize(nested.length);
					stored.setCompressedSize(nested.length);
					stored.setCrc(crc(nested));
					stored.setTime(entry.getTime());
					stored.setUnixMode(entry.getUnixMode());
					out.putArchiveEntry(stored);
					out.write(nested);
					out.closeArchiveEntry();
				}
			}
		}
		check(jar, partial);
		Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return true;
	}

	/** ONNX Runtime's jar without its debug symbols; null if it has none. */
	static byte[] withoutDebugSymbols(byte[] jar) throws IOException {
		boolean any = false;
		SeekableInMemoryByteChannel result = new SeekableInMemoryByteChannel();
		try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(jar)).get();
				ZipArchiveOutputStream out = new ZipArchiveOutputStream(result)) {
			for (ZipArchiveEntry entry : Collections.list(in.getEntriesInPhysicalOrder())) {
				if (isDebugSymbols(entry.getName())) {
					any = true;
					continue;
				}
				try (InputStream raw = in.getRawInputStream(entry)) {
					out.addRawArchiveEntry(entry, raw);
				}
			}
		}
		if (!any) {
			return null;
		}
		byte[] all = result.array();
		return Arrays.copyOf(all, (int) result.size());
	}

	/**
	 * The written jar has the original's entries in the same order with the same
	 * checksums, but for ONNX Runtime's, whose entries are the original's less the debug
	 * symbols, again with the same checksums.
	 */
	private static void check(Path original, Path written) throws IOException {
		try (ZipFile before = ZipFile.builder().setPath(original).get();
				ZipFile after = ZipFile.builder().setPath(written).get()) {
			List<ZipArchiveEntry> expected = Collections.list(before.getEntriesInPhysicalOrder());
			List<ZipArchiveEntry> actual = Collections.list(after.getEntriesInPhysicalOrder());
			if (expected.size() != actual.size()) {
				throw new IOException("The trimmed jar has " + actual.size() + " entries, not " + expected.size());
			}
			for (int i = 0; i < expected.size(); i++) {
				ZipArchiveEntry was = expected.get(i);
				ZipArchiveEntry is = actual.get(i);
				if (!was.getName().equals(is.getName())) {
					throw new IOException("Entry " + i + " is " + is.getName() + ", not " + was.getName());
				}
				if (isOnnxRuntimeJar(was.getName())) {
					if (is.getMethod() != ZipEntry.STORED) {
						throw new IOException(is.getName() + " must stay uncompressed");
					}
					Map<String, Long> kept = new HashMap<>(crcs(read(before, was)));
					kept.keySet().removeIf(OnnxRuntimeJarTrim::isDebugSymbols);
					if (!kept.equals(crcs(read(after, is)))) {
						throw new IOException(is.getName() + " lost more than its debug symbols");
					}
				}
				else if (was.getCrc() != is.getCrc() || was.getMethod() != is.getMethod()) {
					throw new IOException(is.getName() + " changed");
				}
			}
		}
	}

	private static Map<String, Long> crcs(byte[] jar) throws IOException {
		Map<String, Long> crcs = new HashMap<>();
		try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(jar)).get()) {
			for (ZipArchiveEntry entry : Collections.list(in.getEntries())) {
				crcs.put(entry.getName(), entry.getCrc());
			}
		}
		return crcs;
	}

	private static byte[] read(ZipFile zip, ZipArchiveEntry entry) throws IOException {
		try (InputStream in = zip.getInputStream(entry)) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(0, entry.getSize()));
			in.transferTo(bytes);
			return bytes.toByteArray();
		}
	}

	private static long crc(byte[] bytes) {
		CRC32 crc = new CRC32();
		crc.update(bytes);
		return crc.getValue();
	}

}
