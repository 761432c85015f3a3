package org.yixing.shared.geo;

import java.util.ArrayList;
import java.util.List;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

/** RULES §5–6: geodesic fences; distance to the edge is 0 inside and positive outside. */
class GeofenceProperties {

	static final GeoPoint CAMPUS = new GeoPoint(30.4745, 114.3876);

	@Test
	void aCircleMeasuresGeodesicallyFromItsEdge() {
		qt().withExamples(2000)
			.forAll(doubles().between(50, 5000), doubles().between(0, 360), doubles().between(0, 20000))
			.checkAssert((radius, bearing, metres) -> {
				Geofence fence = new Geofence.Circle(CAMPUS, radius);
				GeoPoint point = away(CAMPUS, bearing, metres);
				double toEdge = fence.distanceToEdge(point);
				assertThat(toEdge).isCloseTo(Math.max(0, metres - radius), within(1e-6));
				assertThat(fence.contains(point)).isEqualTo(metres <= radius);
				if (!fence.contains(point)) {
					assertThat(fence.metresToGo(point)).isPositive().isEqualTo((int) Math.ceil(toEdge));
				}
			});
	}

	@Test
	void aPolygonIsZeroInsideAndTheDistanceToItsNearestEdgeOutside() {
		Geofence square = square(CAMPUS, 200);
		qt().withExamples(2000)
			.forAll(doubles().between(-600, 600), doubles().between(-600, 600))
			.checkAssert((east, north) -> {
				GeoPoint point = away(away(CAMPUS, (east >= 0) ? 90 : 270, Math.abs(east)), (north >= 0) ? 0 : 180,
						Math.abs(north));
				double dx = Math.max(0, Math.abs(east) - 200);
				double dy = Math.max(0, Math.abs(north) - 200);
				double expected = Math.hypot(dx, dy);
				double toEdge = square.distanceToEdge(point);
				assertThat(toEdge).isCloseTo(expected, within(0.5));
				if (expected > 0.5) {
					assertThat(toEdge).isPositive();
				}
				if (Math.abs(east) < 199 && Math.abs(north) < 199) {
					assertThat(toEdge).isZero();
				}
			});
	}

	@Test
	void aPointHundredMetresNorthOfASquareIsHundredMetresToGo() {
		Geofence square = square(CAMPUS, 200);
		assertThat(square.metresToGo(away(CAMPUS, 0, 300))).isEqualTo(100);
		assertThat(square.metresToGo(CAMPUS)).isZero();
	}

	@Test
	void fencesOutsideTheRulesAreRefused() {
		assertThatThrownBy(() -> new Geofence.Circle(CAMPUS, 49)).isInstanceOf(Geofence.InvalidGeofenceException.class);
		assertThatThrownBy(() -> new Geofence.Circle(CAMPUS, 5001))
			.isInstanceOf(Geofence.InvalidGeofenceException.class);
		assertThatThrownBy(() -> new Geofence.Polygon(List.of(CAMPUS, away(CAMPUS, 0, 100))))
			.isInstanceOf(Geofence.InvalidGeofenceException.class);
		List<GeoPoint> many = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			many.add(away(CAMPUS, i * 360.0 / 101, 500));
		}
		assertThatThrownBy(() -> new Geofence.Polygon(many)).isInstanceOf(Geofence.InvalidGeofenceException.class);
		GeoPoint ne = away(away(CAMPUS, 0, 100), 90, 100);
		GeoPoint sw = away(away(CAMPUS, 180, 100), 270, 100);
		GeoPoint nw = away(away(CAMPUS, 0, 100), 270, 100);
		GeoPoint se = away(away(CAMPUS, 180, 100), 90, 100);
		assertThatThrownBy(() -> new Geofence.Polygon(List.of(nw, ne, sw, se))).as("a bow tie crosses itself")
			.isInstanceOf(Geofence.InvalidGeofenceException.class);
		assertThat(new Geofence.Polygon(List.of(nw, ne, se, sw)).contains(CAMPUS)).isTrue();
	}

	static Geofence square(GeoPoint centre, double half) {
		GeoPoint north = away(centre, 0, half);
		GeoPoint south = away(centre, 180, half);
		return new Geofence.Polygon(
				List.of(away(north, 270, half), away(north, 90, half), away(south, 90, half), away(south, 270, half)));
	}

	static GeoPoint away(GeoPoint from, double bearing, double metres) {
		GeodesicData target = Geodesic.WGS84.Direct(from.lat(), from.lng(), bearing, metres);
		return new GeoPoint(target.lat2, target.lon2);
	}

}
