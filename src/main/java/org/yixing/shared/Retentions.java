package org.yixing.shared;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link Retention} of the application hourly
 * ({@code yixing.retention.interval}), the first time five minutes after start. A rule
 * that fails is logged and tried again at the next run; the others run regardless.
 */
@Component
class Retentions {

	private static final Logger log = LoggerFactory.getLogger(Retentions.class);

	private final List<Retention> rules;

	Retentions(List<Retention> rules) {
		this.rules = List.copyOf(rules);
	}

	@Scheduled(fixedDelayString = "${yixing.retention.interval:PT1H}",
			initialDelayString = "${yixing.retention.first-run:PT5M}")
	void run() {
		for (Retention rule : this.rules) {
			try {
				rule.forget();
			}
			catch (RuntimeException ex) {
				log.warn("Retention {} failed; it runs again at the next hourly run", rule.getClass().getSimpleName(),
						ex);
			}
		}
	}

}
