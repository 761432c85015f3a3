package org.yixing.shared.geo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

/** RULES §5: GCJ-02 input is converted to WGS-84 with the published transform. */
class Gcj02Properties {

	@Test
	void matchesThePublishedReferenceValue() {
		// wandergis/coordtransform's test: wgs84togcj02(116.404, 39.915).
		GeoPoint gcj = Gcj02.fromWgs84(new GeoPoint(39.915, 116.404));
		assertThat(gcj.lat()).isCloseTo(39.91640428150164, within(1e-9));
		assertThat(gcj.lng()).isCloseTo(116.41024449916938, within(1e-9));
	}

	@Test
	void agreesWithEviltransformsReferencePointsWithinAMetre() {
		// googollee/eviltransform's tests (that library uses a slightly different earth
		// radius).
		double[][] cases = { { 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215 },
				{ 22.543847, 113.912316, 22.540796131694766, 113.9171764808363 },
				{ 39.911954, 116.377817, 39.91334545536069, 116.38404722455657 } };
		for (double[] c : cases) {
			GeoPoint gcj = Gcj02.fromWgs84(new GeoPoint(c[0], c[1]));
			assertThat(Geofence.distance(gcj, new GeoPoint(c[2], c[3]))).isLessThan(1.0);
			assertThat(Geofence.distance(Gcj02.toWgs84(new GeoPoint(c[2], c[3])), new GeoPoint(c[0], c[1])))
				.isLessThan(1.0);
		}
	}

	@Test
	void theOffsetInChinaIsHundredsOfMetres() {
		GeoPoint wuhan = new GeoPoint(30.4745, 114.3876);
		assertThat(Geofence.distance(wuhan, Gcj02.fromWgs84(wuhan))).isBetween(100.0, 1000.0);
	}

	@Test
	void aRoundTripThroughGcj02StaysWithinOneMetre() {
		qt().withExamples(2000)
			.forAll(doubles().between(18.0, 53.0), doubles().between(74.0, 134.0))
			.checkAssert((lat, lng) -> {
				GeoPoint wgs = new GeoPoint(lat, lng);
				assertThat(Geofence.distance(wgs, Gcj02.toWgs84(Gcj02.fromWgs84(wgs)))).isLessThan(1.0);
				assertThat(Geofence.distance(wgs, Gcj02.fromWgs84(Gcj02.toWgs84(wgs)))).isLessThan(1.0);
			});
	}

	@Test
	void outsideChinaGcj02IsWgs84() {
		qt().forAll(doubles().between(-60.0, 60.0), doubles().between(-170.0, 60.0)).checkAssert((lat, lng) -> {
			GeoPoint point = new GeoPoint(lat, lng);
			assertThat(Gcj02.fromWgs84(point)).isEqualTo(point);
			assertThat(CoordinateSystem.GCJ02.toWgs84(point)).isEqualTo(point);
		});
	}

}
