/**
 * Service hours (RULES §8): the append-only ledger of credit hours (from completed
 * sessions) and honor hours (from admins, 工时补录), coins, and volunteers' makeup requests.
 */
@NullMarked
package org.yixing.hours;

import org.jspecify.annotations.NullMarked;
