package org.yixing.shared;

import java.time.Instant;
import java.util.UUID;

/**
 * Row keys that sort by the time they were made: UUID version 7 (RFC 9562), the
 * milliseconds since 1970 in the first 48 bits and 74 random bits after them.
 * <p>
 * For the tables that grow by thousands of rows in a few minutes (attendance sessions at
 * 8:00, the ledger's credits after them): PostgreSQL orders {@code uuid} values byte by
 * byte, so a new key lands on the right-hand page of the primary key's index, next to the
 * keys made just before it, where a random key (version 4) lands on any page of it. Each
 * page changed for the first time after a checkpoint is written whole to the WAL, and
 * each one read must be in memory: with random keys a rush touches nearly every page of
 * the index, with these a few (docs/PERFORMANCE.md). The random bits come from the same
 * generator as {@link UUID#randomUUID()}, so a key is no easier to guess than before;
 * what it tells is when its row was made, which the row says anyway.
 */
public final class TimeOrderedIds {

	private TimeOrderedIds() {
	}

	/** A key made at {@code at} (its milliseconds; any time from 1970 to 10889). */
	public static UUID at(Instant at) {
		UUID random = UUID.randomUUID();
		long millis = at.toEpochMilli();
		if (millis < 0 || millis >= (1L << 48)) {
			throw new IllegalArgumentException("no UUID version 7 for " + at);
		}
		long version = 0x7000L;
		long mostSignificant = (millis << 16) | version | (random.getMostSignificantBits() & 0x0FFFL);
		// randomUUID's variant bits are already RFC 9562's (binary 10)
		return new UUID(mostSignificant, random.getLeastSignificantBits());
	}

	/** The millisecond a key of {@link #at} was made at. */
	public static Instant madeAt(UUID id) {
		if (id.version() != 7) {
			throw new IllegalArgumentException("not a time-ordered key: " + id);
		}
		return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
	}

}
