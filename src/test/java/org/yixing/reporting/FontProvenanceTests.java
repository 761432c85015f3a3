package org.yixing.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed font and its licence are the upstream files named in fonts/PROVENANCE.md.
 */
class FontProvenanceTests {

	@Test
	void theFontAndItsLicenceAreTheFilesTheProvenanceNames() throws Exception {
		assertThat(sha256("/fonts/NotoSansSC-Regular.ttf"))
			.isEqualTo("d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16");
		assertThat(sha256("/fonts/OFL.txt"))
			.isEqualTo("1c05c68c34f9708415aada51f17e1b0092d2cea709bf4a94cd38114f9e73d7d9");
	}

	private static String sha256(String resource) throws IOException, NoSuchAlgorithmException {
		try (InputStream in = FontProvenanceTests.class.getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
		}
	}

}
