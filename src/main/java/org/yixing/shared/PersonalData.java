package org.yixing.shared;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one module holds about a person, for the rights of PIPL Art. 45 and 47: every
 * module with personal data contributes its part to the export ({@code GET /me/export})
 * and erases or pseudonymises it on request ({@code DELETE /me}), in the one transaction
 * of that request. The ledger of hours stays (the organizations' records must stay true):
 * what identifies the person goes.
 */
public interface PersonalData {

	/** The name of this module's section in the export. */
	String section();

	/** Everything this module holds about the account, as JSON-ready values. */
	Object export(UUID account);

	/** The files this module holds about the account, for the export's zip. */
	default List<PersonalFile> files(UUID account) {
		return List.of();
	}

	/** Erases or pseudonymises this module's data about the account. */
	void erase(UUID account, Instant now);

	/**
	 * @param path where the file goes in the zip, e.g. {@code evidence/<id>-photo.jpg}
	 */
	record PersonalFile(String path, String contentType, byte[] content) {
	}

	/**
	 * Rows as read by {@code JdbcClient.query().listOfRows()}, timestamps in Beijing
	 * time.
	 */
	static List<Map<String, Object>> rows(List<Map<String, Object>> rows) {
		return rows.stream().map(PersonalData::row).toList();
	}

	/** A time in Beijing time, as the export writes every time. */
	static String time(Timestamp timestamp) {
		return timestamp.toInstant().atZone(ApplicationClock.ZONE).toOffsetDateTime().toString();
	}

	private static Map<String, Object> row(Map<String, Object> row) {
		Map<String, Object> out = new LinkedHashMap<>();
		row.forEach((column, value) -> out.put(column, switch (value) {
			case Timestamp timestamp -> time(timestamp);
			case UUID id -> id.toString();
			case null -> null;
			default -> value;
		}));
		return out;
	}

}
