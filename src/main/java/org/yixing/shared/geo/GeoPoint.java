package org.yixing.shared.geo;

/** A point in WGS-84 degrees. */
public record GeoPoint(double lat, double lng) {

	public GeoPoint {
		if (!Double.isFinite(lat) || !Double.isFinite(lng) || lat < -90 || lat > 90 || lng < -180 || lng > 180) {
			throw new IllegalArgumentException("Not a WGS-84 position: " + lat + ", " + lng);
		}
	}

}
