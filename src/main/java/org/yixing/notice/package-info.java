/**
 * A volunteer's notices (我的消息): decisions on their membership and makeup requests,
 * written from the other modules' events and read by the volunteer's app.
 */
@NullMarked
package org.yixing.notice;

import org.jspecify.annotations.NullMarked;
