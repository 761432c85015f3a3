package org.yixing.region;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegionsTests {

	final Regions regions = new Regions();

	@Test
	void provincesAndCitiesUseTheSixDigitForm() {
		assertThat(this.regions.provinces()).extracting(Region::code)
			.contains("420000", "110000")
			.allMatch((code) -> code.matches("\\d{2}0000"));
		assertThat(this.regions.find("420100")).hasValueSatisfying((wuhan) -> {
			assertThat(wuhan.name()).isEqualTo("武汉市");
			assertThat(wuhan.parentCode()).isEqualTo("420000");
			assertThat(wuhan.level()).isEqualTo(Region.Level.CITY);
		});
	}

	@Test
	void aCityListsItsDistricts() {
		assertThat(this.regions.childrenOf("420100")).extracting(Region::name).contains("江岸区", "洪山区");
		assertThat(this.regions.childrenOf("420100")).allMatch((district) -> district.code().startsWith("4201"));
	}

	@Test
	void theDataSetCoversTheWholeCountry() {
		assertThat(this.regions.provinces()).hasSize(31);
		assertThat(this.regions.childrenOf("440000")).extracting(Region::name).contains("广州市", "东莞市");
	}

	@Test
	void aRegionContainsItselfAndWhatLiesBelowIt() {
		Region hubei = this.regions.find("420000").orElseThrow();
		Region wuhan = this.regions.find("420100").orElseThrow();
		assertThat(hubei.contains("420111")).isTrue();
		assertThat(wuhan.contains("420111")).isTrue();
		assertThat(wuhan.contains("420200")).isFalse();
		assertThat(this.regions.find("420111").orElseThrow().contains("420111")).isTrue();
	}

}
