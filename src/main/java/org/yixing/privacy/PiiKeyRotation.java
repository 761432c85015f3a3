package org.yixing.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.yixing.shared.SealedData;
import org.yixing.shared.Secrets;

/**
 * Re-encryption after a PII key rotation (docs/OPERATIONS.md): start every node with the
 * new {@code YIXING_PII_KEY} and the old one as {@code YIXING_PII_KEY_PREVIOUS}; each
 * node then moves rows to the new key in batches in the background (and staff can run it
 * at once through {@code POST /api/v1/admin/pii-key/re-encryption}). Batches lock their
 * rows {@code SKIP LOCKED}, so nodes share the work and a restart resumes it. When
 * nothing remains the previous key can be removed.
 */
@Service
public class PiiKeyRotation {

	private static final Logger log = LoggerFactory.getLogger(PiiKeyRotation.class);

	static final int BATCH = 200;

	private final List<SealedData> data;

	private final Secrets secrets;

	private final AtomicBoolean running = new AtomicBoolean();

	PiiKeyRotation(List<SealedData> data, Secrets secrets) {
		this.data = data;
		this.secrets = secrets;
	}

	/**
	 * After start-up, in the background, whatever is left from a rotation or an upgrade.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void resumeInBackground() {
		Thread.ofVirtual().name("pii-reencryption").start(() -> {
			try {
				if (progress().remaining().values().stream().anyMatch((n) -> n > 0)) {
					run(Duration.ofHours(24));
				}
			}
			catch (RuntimeException ex) {
				log.warn("PII re-encryption stopped; it resumes at the next start or on request", ex);
			}
		});
	}

	/**
	 * Runs batches until nothing remains or {@code budget} is spent; returns the
	 * progress.
	 */
	public Progress run(Duration budget) {
		if (!this.running.compareAndSet(false, true)) {
			return progress();
		}
		try {
			Instant until = Instant.now().plus(budget);
			long moved = 0;
			for (SealedData sealed : this.data) {
				int done;
				do {
					done = sealed.reencrypt(BATCH);
					moved += done;
				}
				while (done > 0 && Instant.now().isBefore(until));
			}
			Progress progress = progress();
			if (moved > 0) {
				log.info("PII re-encryption moved {} rows to key {}; remaining {}", moved, progress.keyId(),
						progress.remaining());
			}
			return progress;
		}
		finally {
			this.running.set(false);
		}
	}

	public Progress progress() {
		Map<String, Long> remaining = new LinkedHashMap<>();
		this.data.forEach((sealed) -> remaining.put(sealed.name(), sealed.remaining()));
		return new Progress(this.secrets.keyId(), this.secrets.rotating(), remaining,
				remaining.values().stream().allMatch((n) -> n == 0));
	}

	/**
	 * @param keyId the current key's public name
	 * @param previousKeyConfigured whether {@code YIXING_PII_KEY_PREVIOUS} is set
	 * @param remaining rows not yet under the current key, per kind of data
	 * @param complete nothing remains: the previous key may be removed
	 */
	public record Progress(String keyId, boolean previousKeyConfigured, Map<String, Long> remaining, boolean complete) {
	}

}
