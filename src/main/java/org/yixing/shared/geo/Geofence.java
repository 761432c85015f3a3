package org.yixing.shared.geo;

import java.util.List;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicMask;

/**
 * Where check-in is allowed (RULES §5): a circle of 50–5000 m or a simple polygon of
 * 3–100 points, measured geodesically on the WGS-84 ellipsoid (GeographicLib), never on a
 * flat earth.
 */
public sealed interface Geofence permits Geofence.Circle, Geofence.Polygon {

	int MIN_RADIUS = 50;

	int MAX_RADIUS = 5000;

	int MIN_POINTS = 3;

	int MAX_POINTS = 100;

	/** Metres from {@code point} to the fence's edge; 0 inside or on the edge. */
	double distanceToEdge(GeoPoint point);

	/** What a volunteer outside is told: whole metres, rounded up (RULES §6). */
	default int metresToGo(GeoPoint point) {
		return (int) Math.ceil(distanceToEdge(point));
	}

	default boolean contains(GeoPoint point) {
		return distanceToEdge(point) == 0;
	}

	/** A circle's centre; a polygon's mean corner (where a map centres the fence). */
	default GeoPoint centre() {
		return switch (this) {
			case Circle circle -> circle.center();
			case Polygon polygon ->
				new GeoPoint(polygon.points().stream().mapToDouble(GeoPoint::lat).average().orElse(0),
						polygon.points().stream().mapToDouble(GeoPoint::lng).average().orElse(0));
		};
	}

	static double distance(GeoPoint a, GeoPoint b) {
		return Geodesic.WGS84.Inverse(a.lat(), a.lng(), b.lat(), b.lng(), GeodesicMask.DISTANCE).s12;
	}

	record Circle(GeoPoint center, double radiusMeters) implements Geofence {

		public Circle {
			if (!(radiusMeters >= MIN_RADIUS && radiusMeters <= MAX_RADIUS)) {
				throw new InvalidGeofenceException("radius must be " + MIN_RADIUS + "–" + MAX_RADIUS + " m");
			}
		}

		@Override
		public double distanceToEdge(GeoPoint point) {
			return Math.max(0, distance(this.center, point) - this.radiusMeters);
		}

	}

	/**
	 * Inside-ness and edge distance are computed in an azimuthal equidistant projection
	 * centred on the point asked about, where distances from the point are exact and, for
	 * fences of a few kilometres, distances to an edge are within millimetres.
	 */
	record Polygon(List<GeoPoint> points) implements Geofence {

		private static final double ON_EDGE = 1e-6;

		public Polygon {
			points = List.copyOf(points);
			if (points.size() < MIN_POINTS || points.size() > MAX_POINTS) {
				throw new InvalidGeofenceException("a polygon needs " + MIN_POINTS + "–" + MAX_POINTS + " points");
			}
			double[][] plane = project(points.get(0), points);
			if (!simple(plane)) {
				throw new InvalidGeofenceException("a polygon must not cross itself or repeat points");
			}
		}

		@Override
		public double distanceToEdge(GeoPoint point) {
			double[][] plane = project(point, this.points);
			double nearest = Double.MAX_VALUE;
			boolean inside = false;
			for (int i = 0, j = plane.length - 1; i < plane.length; j = i++) {
				double[] a = plane[j];
				double[] b = plane[i];
				nearest = Math.min(nearest, distanceToSegment(a, b));
				if ((a[1] > 0) != (b[1] > 0) && 0 < a[0] + (0 - a[1]) * (b[0] - a[0]) / (b[1] - a[1])) {
					inside = !inside;
				}
			}
			return (inside || nearest < ON_EDGE) ? 0 : nearest;
		}

		/**
		 * The azimuthal equidistant projection: each point at its geodesic distance from
		 * {@code centre}, in the direction of its azimuth there.
		 */
		private static double[][] project(GeoPoint centre, List<GeoPoint> points) {
			double[][] plane = new double[points.size()][];
			for (int i = 0; i < points.size(); i++) {
				GeodesicData line = Geodesic.WGS84.Inverse(centre.lat(), centre.lng(), points.get(i).lat(),
						points.get(i).lng(), GeodesicMask.DISTANCE | GeodesicMask.AZIMUTH);
				double azimuth = Math.toRadians(line.azi1);
				plane[i] = new double[] { line.s12 * Math.sin(azimuth), line.s12 * Math.cos(azimuth) };
			}
			return plane;
		}

		/** Distance from the origin to the segment a–b. */
		private static double distanceToSegment(double[] a, double[] b) {
			double dx = b[0] - a[0];
			double dy = b[1] - a[1];
			double lengthSquared = dx * dx + dy * dy;
			double t = (lengthSquared == 0) ? 0 : Math.clamp(-(a[0] * dx + a[1] * dy) / lengthSquared, 0, 1);
			return Math.hypot(a[0] + t * dx, a[1] + t * dy);
		}

		private static boolean simple(double[][] plane) {
			int n = plane.length;
			for (int i = 0; i < n; i++) {
				double[] a = plane[i];
				double[] b = plane[(i + 1) % n];
				if (Math.hypot(b[0] - a[0], b[1] - a[1]) < 0.01) {
					return false;
				}
				for (int k = i + 2; k < n; k++) {
					if (i == 0 && k == n - 1) {
						continue;
					}
					if (intersect(a, b, plane[k], plane[(k + 1) % n])) {
						return false;
					}
				}
			}
			return true;
		}

		private static boolean intersect(double[] p1, double[] p2, double[] q1, double[] q2) {
			double d1 = cross(q1, q2, p1);
			double d2 = cross(q1, q2, p2);
			double d3 = cross(p1, p2, q1);
			double d4 = cross(p1, p2, q2);
			return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
		}

		private static double cross(double[] o, double[] a, double[] b) {
			return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
		}

	}

	/**
	 * A fence that breaks RULES §5: reported as VALIDATION_FAILED on {@code geofence}.
	 */
	final class InvalidGeofenceException extends RuntimeException {

		public InvalidGeofenceException(String message) {
			super(message);
		}

	}

}
