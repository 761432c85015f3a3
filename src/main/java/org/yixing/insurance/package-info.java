/**
 * Volunteer insurance (RULES §9): products published by staff, policies claimed by
 * volunteers, and the coverage check that check-in asks for activities that require it.
 */
@NullMarked
package org.yixing.insurance;

import org.jspecify.annotations.NullMarked;
