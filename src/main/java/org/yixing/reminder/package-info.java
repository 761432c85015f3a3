/**
 * Reminders (RULES §13): before a check-out deadline, before the midnight close, the
 * evening before and an hour before an activity signed up for, and at once when that
 * activity is cancelled. Each is recorded once before it goes out as a notice and, if the
 * volunteer allows it, a text message.
 */
@NullMarked
package org.yixing.reminder;

import org.jspecify.annotations.NullMarked;
