/**
 * The database: the external PostgreSQL or the embedded server in the data folder, and
 * {@link org.yixing.shared.db.EmbeddedServerHooks} for what must happen around the
 * embedded server's start (a restore, continuous archiving).
 */
@NullMarked
@NamedInterface("db")
package org.yixing.shared.db;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
