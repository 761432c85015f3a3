package org.yixing.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One row of the hours ledger, with the fields a service record must carry. */
record LedgerEntry(UUID id, UUID accountId, String kind, String source, int minutes, @Nullable UUID sessionId,
		UUID organizationId, String organizationName, @Nullable UUID activityId, String activityTitle,
		LocalDate serviceDate, String place, String content, String activityLead, @Nullable String reason,
		String description, @Nullable String evidence, @Nullable UUID evidenceFileId, @Nullable UUID correctsEntryId,
		@Nullable UUID recordedBy, Instant recordedAt) {
}
