package org.yixing.shared.geo;

/** A point in WGS-84 degrees. */
public record GeoPoint(double lat, double lng) {

	/** The largest latitude, north or south. */
	public static final double MAX_LAT = 90;

	/** The largest longitude, east or west. */
	public static final double MAX_LNG = 180;

	public GeoPoint {
		if (!Double.isFinite(lat) || !Double.isFinite(lng) || lat < -MAX_LAT || lat > MAX_LAT || lng < -MAX_LNG
				|| lng > MAX_LNG) {
			throw new IllegalArgumentException("Not a WGS-84 position: " + lat + ", " + lng);
		}
	}

}
