package org.yixing.shared.geo;

/**
 * The published GCJ-02 obfuscation (Krasovsky 1940 ellipsoid constants) and its inverse.
 * Outside mainland China GCJ-02 equals WGS-84. The inverse iterates the forward transform
 * until the round trip is within 1e-9 degrees (well under a millimetre).
 */
public final class Gcj02 {

	private static final double A = 6378245.0;

	private static final double EE = 0.00669342162296594323;

	private Gcj02() {
	}

	public static boolean outsideChina(GeoPoint point) {
		return point.lng() < 72.004 || point.lng() > 137.8347 || point.lat() < 0.8293 || point.lat() > 55.8271;
	}

	public static GeoPoint fromWgs84(GeoPoint wgs) {
		if (outsideChina(wgs)) {
			return wgs;
		}
		double[] delta = delta(wgs.lat(), wgs.lng());
		return new GeoPoint(wgs.lat() + delta[0], wgs.lng() + delta[1]);
	}

	public static GeoPoint toWgs84(GeoPoint gcj) {
		if (outsideChina(gcj)) {
			return gcj;
		}
		double lat = gcj.lat();
		double lng = gcj.lng();
		for (int i = 0; i < 30; i++) {
			double[] delta = delta(lat, lng);
			double nextLat = gcj.lat() - delta[0];
			double nextLng = gcj.lng() - delta[1];
			boolean converged = Math.abs(nextLat - lat) < 1e-10 && Math.abs(nextLng - lng) < 1e-10;
			lat = nextLat;
			lng = nextLng;
			if (converged) {
				break;
			}
		}
		return new GeoPoint(lat, lng);
	}

	private static double[] delta(double lat, double lng) {
		double x = lng - 105.0;
		double y = lat - 35.0;
		double dLat = transformLat(x, y);
		double dLng = transformLng(x, y);
		double radLat = lat / 180.0 * Math.PI;
		double magic = Math.sin(radLat);
		magic = 1 - EE * magic * magic;
		double sqrtMagic = Math.sqrt(magic);
		dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
		dLng = (dLng * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
		return new double[] { dLat, dLng };
	}

	private static double transformLat(double x, double y) {
		double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
		ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
		ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
		ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
		return ret;
	}

	private static double transformLng(double x, double y) {
		double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
		ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
		ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
		ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
		return ret;
	}

}
