package org.yixing.activity;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.yixing.shared.geo.CoordinateSystem;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.geo.Geofence;

/**
 * A geofence as the API and the database write it: {@code {type: "CIRCLE", center,
 * radiusMeters}} or {@code {type: "POLYGON", points}}.
 */
public record GeofenceJson(@Nullable String type, @Nullable LatLng center, @Nullable Double radiusMeters,
		@Nullable List<LatLng> points) {

	/**
	 * Builds the WGS-84 fence; anything malformed →
	 * {@link Geofence.InvalidGeofenceException}.
	 */
	Geofence toGeofence(CoordinateSystem system) {
		try {
			if ("CIRCLE".equals(this.type) && this.center != null && this.radiusMeters != null) {
				return new Geofence.Circle(system.toWgs84(this.center.toPoint()), this.radiusMeters);
			}
			if ("POLYGON".equals(this.type) && this.points != null) {
				return new Geofence.Polygon(this.points.stream().map((p) -> system.toWgs84(p.toPoint())).toList());
			}
		}
		catch (IllegalArgumentException ex) {
			throw new Geofence.InvalidGeofenceException(ex.getMessage());
		}
		throw new Geofence.InvalidGeofenceException("a CIRCLE needs center and radiusMeters, a POLYGON points");
	}

	public static GeofenceJson of(Geofence fence) {
		return switch (fence) {
			case Geofence.Circle circle ->
				new GeofenceJson("CIRCLE", LatLng.of(circle.center()), circle.radiusMeters(), null);
			case Geofence.Polygon polygon ->
				new GeofenceJson("POLYGON", null, null, polygon.points().stream().map(LatLng::of).toList());
		};
	}

	public record LatLng(double lat, double lng) {

		static LatLng of(GeoPoint point) {
			return new LatLng(point.lat(), point.lng());
		}

		GeoPoint toPoint() {
			return new GeoPoint(this.lat, this.lng);
		}

	}

}
