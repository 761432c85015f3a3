/**
 * Backups you can restore (RULES §15), for the embedded PostgreSQL: continuous archiving
 * of the write-ahead log, daily base backups with the data folder's files and the sealed
 * PII key, their verification by a restore into a scratch folder, retention, the restore
 * at start ({@code YIXING_RESTORE_FROM}), and what staff see of it.
 */
@NullMarked
package org.yixing.backup;

import org.jspecify.annotations.NullMarked;
