package org.yixing.shared;

/**
 * A module's personal data sealed with the PII key ({@link Secrets}). After a key
 * rotation every implementation moves its rows to the current key in small batches, each
 * its own transaction with rows locked {@code SKIP LOCKED}, so that the application keeps
 * serving, several nodes can share the work, and a stopped run resumes where it ended.
 */
public interface SealedData {

	/** What this is, for progress reports: {@code accounts}, {@code evidence-files}. */
	String name();

	/** Rows not yet sealed and hashed under the current key. */
	long remaining();

	/** Moves up to {@code limit} rows to the current key; returns how many it moved. */
	int reencrypt(int limit);

}
