package org.yixing.activity;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The activities behind sign-in codes, remembered for one second. At 8:00 thousands of
 * volunteers send the same code within minutes; reading the activity (and parsing its
 * geofence) once a second instead of once per check-in saves a database round trip on the
 * hottest path (docs/PERFORMANCE.md). Every change to an activity or its code on this
 * node forgets everything, at once and again after its transaction ends; a change made on
 * another node is seen here within {@link #TTL}. Unknown codes are not remembered, so a
 * new activity's code works at once everywhere.
 */
final class CheckInCodeCache {

	static final Duration TTL = Duration.ofSeconds(1);

	private static final int MAX_ENTRIES = 10_000;

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	Optional<Activity> get(String code, Function<String, Optional<Activity>> load) {
		long now = System.nanoTime();
		Entry entry = this.entries.get(code);
		if (entry != null && now - entry.loadedAt() < TTL.toNanos()) {
			return Optional.of(entry.activity());
		}
		Optional<Activity> loaded = load.apply(code);
		if (loaded.isPresent()) {
			if (this.entries.size() >= MAX_ENTRIES) {
				this.entries.clear();
			}
			this.entries.put(code, new Entry(loaded.get(), now));
		}
		else {
			this.entries.remove(code);
		}
		return loaded;
	}

	/** Called by every write to activities or codes, inside its transaction. */
	void forgetAll() {
		this.entries.clear();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					CheckInCodeCache.this.entries.clear();
				}
			});
		}
	}

	private record Entry(Activity activity, long loadedAt) {
	}

}
