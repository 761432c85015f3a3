/**
 * The volunteer's personal code (我的签到码, RULES §12): the key a device receives while
 * online, the one-time values computed from it (RFC 6238 style, 30-s steps) that work
 * offline, and their verification when an admin scans one, once per direction.
 */
@NullMarked
package org.yixing.presence;

import org.jspecify.annotations.NullMarked;
