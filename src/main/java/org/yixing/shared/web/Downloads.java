package org.yixing.shared.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How a file with personal data leaves the server (evidence, ID photos, exports): as a
 * download, never rendered in place, never kept by a cache, never sniffed into another
 * type.
 */
public final class Downloads {

	public static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private Downloads() {
	}

	public static ResponseEntity<byte[]> of(byte[] content, MediaType type, String fileName) {
		return ResponseEntity.ok()
			.contentType(type)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition(fileName))
			.header("X-Content-Type-Options", "nosniff")
			.body(content);
	}

	/**
	 * A plain {@code filename=} for ASCII names, RFC 5987's {@code filename*=} for
	 * others.
	 */
	private static String disposition(String fileName) {
		ContentDisposition.Builder attachment = ContentDisposition.attachment();
		boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(fileName);
		return (ascii ? attachment.filename(fileName) : attachment.filename(fileName, StandardCharsets.UTF_8)).build()
			.toString();
	}

	public static ResponseEntity<byte[]> of(byte[] content, String type, String fileName) {
		return of(content, MediaType.parseMediaType(type), fileName);
	}

}
