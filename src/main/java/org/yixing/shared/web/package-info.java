/**
 * Web support every module's pages and APIs use: problem handling, the page layout's
 * model, page feedback, times, the language switch, map settings, abuse limits.
 */
@NullMarked
@NamedInterface("web")
package org.yixing.shared.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
