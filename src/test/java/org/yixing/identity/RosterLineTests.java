package org.yixing.identity;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * A roster line's fields as the tools that write rosters separate them: commas,
 * full-width commas or tabs, and any field in double quotes (RFC 4180).
 */
class RosterLineTests {

	static final Gen<String> FIELDS = strings().betweenCodePoints(0x20, 0x7E)
		.ofLengthBetween(0, 12)
		.mix(arbitrary().pick(List.of("张三", "阿依古丽·买买提", "11010519491231002X", "", "a,b", "说\"好\"", "x，y")));

	@Test
	void anyFieldsQuotedAndJoinedAreReadBackAsTheyWere() {
		qt().withExamples(2000)
			.forAll(lists().of(FIELDS).ofSizeBetween(1, 4), arbitrary().pick(List.of(",", "，", "\t")))
			.checkAssert((fields, separator) -> {
				String line = String.join(separator,
						fields.stream().map((f) -> "\"" + f.replace("\"", "\"\"") + "\"").toList());
				assertThat(RosterImport.fields(line)).containsExactlyElementsOf(fields);
			});
	}

	@Test
	void unquotedFieldsAreSplitAtEverySeparator() {
		assertThat(RosterImport.fields("张三,11010519491231002X，13800000001")).containsExactly("张三", "11010519491231002X",
				"13800000001");
		assertThat(RosterImport.fields("张三\t11010519491231002X\t")).containsExactly("张三", "11010519491231002X", "");
		assertThat(RosterImport.fields("")).containsExactly("");
		assertThat(RosterImport.fields("只有姓名")).containsExactly("只有姓名");
	}

	@Test
	void quotedAndUnquotedFieldsMix() {
		assertThat(RosterImport.fields("\"欧阳, 娜娜\",11010519491231002X,\"\"")).containsExactly("欧阳, 娜娜",
				"11010519491231002X", "");
		// a quote inside an unquoted field is a character like any other
		assertThat(RosterImport.fields("O\"Neil,1")).containsExactly("O\"Neil", "1");
	}

}
