package org.yixing.shared;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsTests {

	final Secrets secrets = new Secrets("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

	@Test
	void sealedValuesOpenWithTheSamePurposeOnly() {
		byte[] sealed = this.secrets.seal("id", "420111200103150028");
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("420111200103150028");
		assertThat(this.secrets.openString("id", sealed)).isEqualTo("420111200103150028");
		assertThatThrownBy(() -> this.secrets.open("phone", sealed)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void sealingTwiceGivesDifferentCiphertexts() {
		assertThat(this.secrets.seal("id", "x")).isNotEqualTo(this.secrets.seal("id", "x"));
	}

	@Test
	void aTamperedCiphertextIsRefused() {
		byte[] sealed = this.secrets.seal("id", "420111200103150028");
		sealed[sealed.length - 1] ^= 1;
		assertThatThrownBy(() -> this.secrets.open("id", sealed)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void keyedHashesAreStablePerPurposeAndDifferAcrossPurposesAndKeys() {
		assertThat(this.secrets.keyedHash("id", "a")).isEqualTo(this.secrets.keyedHash("id", "a"));
		assertThat(this.secrets.keyedHash("id", "a")).isNotEqualTo(this.secrets.keyedHash("phone", "a"));
		Secrets other = new Secrets("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
		assertThat(other.keyedHash("id", "a")).isNotEqualTo(this.secrets.keyedHash("id", "a"));
	}

	@Test
	void onlyA256BitKeyIsAccepted() {
		assertThatThrownBy(() -> new Secrets(new byte[16])).isInstanceOf(IllegalArgumentException.class);
	}

}
