package org.yixing.shared.geo;

/**
 * How a client's coordinates are meant (RULES §5): WGS-84 from GPS and browsers, GCJ-02
 * from Chinese map SDKs. Everything is stored in WGS-84.
 */
public enum CoordinateSystem {

	WGS84, GCJ02;

	public GeoPoint toWgs84(GeoPoint point) {
		return (this == GCJ02) ? Gcj02.toWgs84(point) : point;
	}

}
