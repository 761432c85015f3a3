/**
 * GB/T 2260 administrative divisions (province, city, district) from an established data
 * set: lookup, validation and the region list API.
 */
@NullMarked
package org.yixing.region;

import org.jspecify.annotations.NullMarked;
