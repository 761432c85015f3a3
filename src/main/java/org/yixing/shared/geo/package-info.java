/**
 * Geography for check-in: WGS-84 points, the GCJ-02 transform, geodesic geofences.
 */
@NullMarked
@NamedInterface("geo")
package org.yixing.shared.geo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
