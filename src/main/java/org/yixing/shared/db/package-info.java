@NullMarked
package org.yixing.shared.db;

import org.jspecify.annotations.NullMarked;
