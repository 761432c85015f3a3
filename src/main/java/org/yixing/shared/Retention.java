package org.yixing.shared;

/**
 * A module's rule for deleting what it no longer needs to keep (docs/PRIVACY.md,
 * "Retention jobs"). Every rule of the application runs once an hour on the application
 * clock, one after the other ({@link Retentions}); a rule takes its own advisory lock, so
 * that one node at a time runs it, and deletes in batches where a backlog may be large
 * ({@link BatchedDeletes}). Running a rule twice does no harm.
 */
public interface Retention {

	/**
	 * Deletes what the rule no longer keeps as of now.
	 * @return how many rows it deleted or blanked
	 */
	int forget();

}
