/**
 * Reporting (RULES §10): rankings of volunteers per organization subtree and date range,
 * the top list for 十佳志愿者 / 优秀志愿者, and their spreadsheets. It only reads, through the
 * other modules' public directories.
 */
@NullMarked
package org.yixing.reporting;

import org.jspecify.annotations.NullMarked;
