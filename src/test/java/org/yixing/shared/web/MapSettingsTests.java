package org.yixing.shared.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.yixing.shared.geo.CoordinateSystem;
import org.yixing.shared.geo.Gcj02;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.geo.Geofence;

import static org.assertj.core.api.Assertions.assertThat;

/** Fences are drawn where the tiles put them: GCJ-02 tiles get GCJ-02 points. */
class MapSettingsTests {

	static final GeoPoint CAMPUS = new GeoPoint(30.4745, 114.3876);

	@Test
	void onWgs84TilesAFenceIsDrawnWhereItIs() {
		MapSettings osm = new MapSettings("https://tiles.example/{z}/{x}/{y}.png", "", CoordinateSystem.WGS84, "");
		assertThat(osm.display(new Geofence.Circle(CAMPUS, 200))).isEqualTo(new Geofence.Circle(CAMPUS, 200));
	}

	@Test
	void onGcj02TilesEveryPointOfAFenceIsShiftedAsTheTilesAre() {
		MapSettings gaode = new MapSettings("https://tiles.example/{z}/{x}/{y}.png", "", CoordinateSystem.GCJ02, "");
		GeoPoint shifted = Gcj02.fromWgs84(CAMPUS);
		assertThat(shifted).isNotEqualTo(CAMPUS);
		assertThat(gaode.display(new Geofence.Circle(CAMPUS, 200))).isEqualTo(new Geofence.Circle(shifted, 200));
		List<GeoPoint> corners = List.of(CAMPUS, new GeoPoint(30.48, 114.3876), new GeoPoint(30.48, 114.40));
		assertThat(((Geofence.Polygon) gaode.display(new Geofence.Polygon(corners))).points())
			.containsExactlyElementsOf(corners.stream().map(Gcj02::fromWgs84).toList());
		assertThat(gaode.display(CAMPUS)).isEqualTo(shifted);
	}

	@Test
	void thePresetsBringTheirTilesAttributionAndCoordinateSystem() {
		MapSettings amap = new MapSettings("amap", "", CoordinateSystem.WGS84, "");
		assertThat(amap.tiles()).startsWith("https://webrd01.is.autonavi.com/");
		assertThat(amap.tileCoordinates()).isEqualTo(CoordinateSystem.GCJ02);
		assertThat(amap.attribution()).contains("高德");
		MapSettings osm = new MapSettings("OSM", "", CoordinateSystem.GCJ02, "");
		assertThat(osm.tiles()).isEqualTo("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
		assertThat(osm.tileCoordinates()).isEqualTo(CoordinateSystem.WGS84);
		MapSettings tianditu = new MapSettings("tianditu", "", CoordinateSystem.GCJ02, "k3y");
		assertThat(tianditu.tiles()).startsWith("https://t0.tianditu.gov.cn/").endsWith("&tk=k3y");
		assertThat(tianditu.tileCoordinates()).isEqualTo(CoordinateSystem.WGS84);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> new MapSettings("tianditu", "", CoordinateSystem.WGS84, " "))
			.hasMessageContaining("YIXING_MAP_KEY");
	}

}
