package org.yixing.shared;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/** Time-ordered row keys: RFC 9562 version 7, in the order PostgreSQL sorts uuid. */
class TimeOrderedIdsProperties {

	private static final long MAX_MILLIS = (1L << 48) - 1;

	@Test
	void isAVersion7KeyOfTheRfcVariantThatTellsItsMillisecond() {
		qt().forAll(longs().between(0, MAX_MILLIS)).checkAssert((millis) -> {
			UUID id = TimeOrderedIds.at(Instant.ofEpochMilli(millis));
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.variant()).isEqualTo(2);
			assertThat(TimeOrderedIds.madeAt(id)).isEqualTo(Instant.ofEpochMilli(millis));
		});
	}

	@Test
	void aLaterMillisecondSortsAfterAsPostgresqlComparesUuids() {
		// PostgreSQL compares uuid values as 16 unsigned bytes; UUID.compareTo compares
		// signed halves, so compare the text, whose hex digits sort as those bytes do.
		qt().forAll(longs().between(0, MAX_MILLIS - 1), longs().between(1, 1000)).checkAssert((millis, later) -> {
			String first = TimeOrderedIds.at(Instant.ofEpochMilli(millis)).toString();
			String second = TimeOrderedIds.at(Instant.ofEpochMilli(Math.min(MAX_MILLIS, millis + later))).toString();
			assertThat(second).isGreaterThan(first);
		});
	}

	@Test
	void keysOfTheSameMillisecondDiffer() {
		Instant now = Instant.parse("2026-12-03T00:00:00.123Z");
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			ids.add(TimeOrderedIds.at(now));
		}
		assertThat(ids).hasSize(10_000);
	}

	@Test
	void refusesTimesItCannotHold() {
		assertThatIllegalArgumentException().isThrownBy(() -> TimeOrderedIds.at(Instant.ofEpochMilli(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> TimeOrderedIds.at(Instant.ofEpochMilli(1L << 48)));
		assertThatIllegalArgumentException().isThrownBy(() -> TimeOrderedIds.madeAt(UUID.randomUUID()));
	}

}
