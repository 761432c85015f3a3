/**
 * SMS verification codes (RULES §2): sending within the daily and spacing limits,
 * checking with a bounded number of tries, and the gateways that deliver them.
 */
@NullMarked
package org.yixing.sms;

import org.jspecify.annotations.NullMarked;
