package org.yixing.shared;

import java.util.Optional;

/** What an uploaded file is, from its first bytes rather than from a client's claim. */
public final class FileTypes {

	private FileTypes() {
	}

	/**
	 * {@code image/jpeg}, {@code image/png} or {@code application/pdf}; empty for
	 * anything else.
	 */
	public static Optional<String> sniff(byte[] c) {
		if (c.length > 3 && (c[0] & 0xFF) == 0xFF && (c[1] & 0xFF) == 0xD8 && (c[2] & 0xFF) == 0xFF) {
			return Optional.of("image/jpeg");
		}
		if (c.length > 8 && (c[0] & 0xFF) == 0x89 && c[1] == 'P' && c[2] == 'N' && c[3] == 'G') {
			return Optional.of("image/png");
		}
		if (c.length > 5 && c[0] == '%' && c[1] == 'P' && c[2] == 'D' && c[3] == 'F' && c[4] == '-') {
			return Optional.of("application/pdf");
		}
		return Optional.empty();
	}

	/**
	 * An OLE2 compound document, as {@code .xls} files are (and {@code .xlsx} files with
	 * a password, their encrypted package inside one).
	 */
	public static boolean isOle2(byte[] c) {
		return c.length > 8 && (c[0] & 0xFF) == 0xD0 && (c[1] & 0xFF) == 0xCF && (c[2] & 0xFF) == 0x11
				&& (c[3] & 0xFF) == 0xE0 && (c[4] & 0xFF) == 0xA1 && (c[5] & 0xFF) == 0xB1 && (c[6] & 0xFF) == 0x1A
				&& (c[7] & 0xFF) == 0xE1;
	}

	/** A ZIP container, as {@code .xlsx} files are. */
	public static boolean isZip(byte[] c) {
		return c.length > 4 && c[0] == 'P' && c[1] == 'K' && c[2] == 3 && c[3] == 4;
	}

}
