@NullMarked
package org.yixing.shared.web;

import org.jspecify.annotations.NullMarked;
