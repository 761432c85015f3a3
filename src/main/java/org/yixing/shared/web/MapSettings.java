package org.yixing.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yixing.shared.geo.CoordinateSystem;
import org.yixing.shared.geo.Gcj02;
import org.yixing.shared.geo.Geofence;
import org.yixing.shared.geo.GeoPoint;

/**
 * The map tiles pages draw under fences and positions ({@code YIXING_MAP_TILES}, …).
 * Tiles in GCJ-02 (most Chinese providers) need every point shown on them converted; with
 * no tile URL, or none reachable, the map still draws the fence, the position and a
 * scale.
 *
 * @param tiles a Leaflet tile URL template; empty for no tiles
 * @param attribution shown on the map as the provider requires
 * @param tileCoordinates WGS84 (OpenStreetMap-style) or GCJ02
 */
@ConfigurationProperties("yixing.map")
public record MapSettings(@DefaultValue("https://tile.openstreetmap.org/{z}/{x}/{y}.png") String tiles,
		@DefaultValue("© OpenStreetMap") String attribution, @DefaultValue("WGS84") CoordinateSystem tileCoordinates) {

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
