package org.yixing.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yixing.shared.geo.CoordinateSystem;
import org.yixing.shared.geo.Gcj02;
import org.yixing.shared.geo.Geofence;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.StartRefused;

/**
 * The map tiles pages draw under fences and positions ({@code YIXING_MAP_TILES}, …).
 * Tiles in GCJ-02 (most Chinese providers) need every point shown on them converted; with
 * no tile URL, or none reachable, the map still draws the fence, the position and a
 * scale, and says the map could not load.
 * <p>
 * {@code tiles} is a Leaflet URL template or one of the presets
 * (docs/OPERATIONS.md#maps), which bring their own attribution and coordinate system:
 * <ul>
 * <li>{@code osm}: OpenStreetMap (WGS-84), the default; slow or unreachable in mainland
 * China;</li>
 * <li>{@code amap}: 高德地图 road tiles (GCJ-02), reachable in mainland China;</li>
 * <li>{@code tianditu}: 天地图, the national platform (CGCS2000, used as WGS-84), with the
 * key in {@code key} ({@code YIXING_MAP_KEY}).</li>
 * </ul>
 *
 * @param tiles a Leaflet tile URL template or a preset's name; empty for no tiles
 * @param attribution shown on the map as the provider requires
 * @param tileCoordinates WGS84 (OpenStreetMap-style) or GCJ02
 * @param key the provider's key, for presets that need one
 */
@ConfigurationProperties("yixing.map")
public record MapSettings(@DefaultValue("https://tile.openstreetmap.org/{z}/{x}/{y}.png") String tiles,
		@DefaultValue("© OpenStreetMap") String attribution, @DefaultValue("WGS84") CoordinateSystem tileCoordinates,
		@DefaultValue("") String key) {

	public MapSettings {
		switch (tiles.strip().toLowerCase(java.util.Locale.ROOT)) {
			case "osm" -> {
				tiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
				attribution = "© OpenStreetMap";
				tileCoordinates = CoordinateSystem.WGS84;
			}
			case "amap" -> {
				tiles = "https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}";
				attribution = "© 高德地图";
				tileCoordinates = CoordinateSystem.GCJ02;
			}
			case "tianditu" -> {
				if (key.isBlank()) {
					throw new StartRefused("YIXING_MAP_TILES=tianditu needs the 天地图 key in YIXING_MAP_KEY",
							"Set YIXING_MAP_KEY to your 天地图 key, or choose other tiles (YIXING_MAP_TILES=osm or amap).");
				}
				tiles = "https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec"
						+ "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk="
						+ key.strip();
				attribution = "© 天地图";
				tileCoordinates = CoordinateSystem.WGS84;
			}
			default -> {
			}
		}
	}

	/** Where a WGS-84 point is drawn on these tiles. */
	public GeoPoint display(GeoPoint wgs84) {
		return (this.tileCoordinates == CoordinateSystem.GCJ02) ? Gcj02.fromWgs84(wgs84) : wgs84;
	}

	/** A WGS-84 fence as drawn on these tiles. */
	public Geofence display(Geofence fence) {
		return switch (fence) {
			case Geofence.Circle circle -> new Geofence.Circle(display(circle.center()), circle.radiusMeters());
			case Geofence.Polygon polygon ->
				new Geofence.Polygon(polygon.points().stream().map(this::display).toList());
		};
	}

}
