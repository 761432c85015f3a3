package org.yixing.identity;

import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * {@link HeaderFirewall}'s loops give the answers of the regular expressions that Spring
 * Security's {@link StrictHttpFirewall} uses by default.
 */
class HeaderFirewallTests {

	/** Spring Security 7's {@code ASSIGNED_AND_NOT_ISO_CONTROL_PATTERN}. */
	static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	/** Spring Security 7's {@code HEADER_VALUE_PATTERN}. */
	static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void everyCodePointIsJudgedAsTheRegularExpressionsJudgeIt() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String alone = Character.toString(codePoint);
			String within = "a" + alone + "b";
			for (String value : new String[] { alone, within }) {
				assertThat(HeaderFirewall.assignedAndNotControl(value)).as("name U+%04X", codePoint)
					.isEqualTo(NAMES.matcher(value).matches());
				assertThat(HeaderFirewall.assignedAndNotControlButTab(value)).as("value U+%04X", codePoint)
					.isEqualTo(VALUES.matcher(value).matches());
			}
		}
	}

	@Test
	void randomStringsAreJudgedAsTheRegularExpressionsJudgeThem() {
		// mostly printable ASCII and CJK, with controls, tabs, unassigned code points and
		// lone or paired surrogates mixed in
		Gen<Integer> codeUnits = integers().between(0, 9).flatMap((kind) -> switch (kind) {
			case 0 -> integers().between(0, 0x1F);
			case 1 -> integers().between(0x7F, 0x9F);
			case 2 -> integers().between(0xD800, 0xDFFF);
			case 3 -> integers().between(0xFFF0, 0xFFFF);
			case 4 -> integers().between(0x0370, 0x03FF);
			case 5, 6 -> integers().between(0x4E00, 0x9FFF);
			default -> integers().between(0x20, 0x7E);
		});
		qt().withExamples(20_000).forAll(lists().of(codeUnits).ofSizeBetween(0, 12)).checkAssert((units) -> {
			StringBuilder value = new StringBuilder();
			units.forEach((unit) -> value.append((char) unit.intValue()));
			String text = value.toString();
			assertThat(HeaderFirewall.assignedAndNotControl(text)).as(text).isEqualTo(NAMES.matcher(text).matches());
			assertThat(HeaderFirewall.assignedAndNotControlButTab(text)).as(text)
				.isEqualTo(VALUES.matcher(text).matches());
		});
	}

	@Test
	void theFirewallRefusesAControlCharacterInAHeaderAndLetsATabThroughAValue() {
		StrictHttpFirewall firewall = HeaderFirewall.create();
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/check-ins");
		request.addHeader("X-Device-Id", "phone\u0007one");
		request.addHeader("User-Agent", "Mozilla/5.0\t(Linux; Android 14) 微信");
		request.addHeader("X-Bell\u0007", "1");
		Predicate<String> read = (name) -> firewall.getFirewalledRequest(request).getHeader(name) != null;
		assertThatThrownBy(() -> read.test("X-Device-Id")).isInstanceOf(RequestRejectedException.class);
		assertThat(read.test("User-Agent")).isTrue();
		assertThatThrownBy(() -> java.util.Collections.list(firewall.getFirewalledRequest(request).getHeaderNames()))
			.isInstanceOf(RequestRejectedException.class);
	}

}
