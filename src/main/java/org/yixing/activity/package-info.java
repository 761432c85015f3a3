/**
 * Activities (RULES §5): time, geofence, who may take part, and the 6-digit sign-in code.
 * Public: {@link org.yixing.activity.ActivityId},
 * {@link org.yixing.activity.ActivityDirectory} and
 * {@link org.yixing.activity.CheckInActivity}.
 */
@NullMarked
package org.yixing.activity;

import org.jspecify.annotations.NullMarked;
