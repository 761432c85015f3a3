/**
 * What every module uses: the application clock, error codes and problem handling, key
 * material. Kept small on purpose.
 */
@NullMarked
package org.yixing.shared;

import org.jspecify.annotations.NullMarked;
