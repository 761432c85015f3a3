package org.yixing.shared.web;

import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yixing.shared.ApplicationClock;

/**
 * Dev tools (docs/API.md): fixes the one application clock at an instant, or returns it
 * to real time. Exists only with {@code YIXING_DEV_TOOLS=true}.
 */
@RestController
@RequestMapping("/api/v1/dev/clock")
@ConditionalOnBooleanProperty("yixing.dev-tools")
class DevClockController {

	private static final Logger log = LoggerFactory.getLogger(DevClockController.class);

	private final ApplicationClock clock;

	DevClockController(ApplicationClock clock) {
		this.clock = clock;
		log.warn("DEV TOOLS ARE ON (YIXING_DEV_TOOLS=true): the clock can be moved and SMS codes read "
				+ "over HTTP. Never enable this in production.");
	}

	@GetMapping
	ClockState current() {
		return state();
	}

	@PutMapping
	ClockState fix(@Valid @RequestBody FixClock request) {
		OffsetDateTime now;
		try {
			now = OffsetDateTime.parse(request.now().strip());
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw org.yixing.shared.DomainException.invalidField("now", "typeMismatch");
		}
		this.clock.fixAt(now.toInstant());
		log.warn("Application clock fixed at {}", now);
		return state();
	}

	@DeleteMapping
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void release() {
		this.clock.release();
		log.warn("Application clock back to real time");
	}

	private ClockState state() {
		Instant now = this.clock.instant();
		return new ClockState(OffsetDateTime.ofInstant(now, ApplicationClock.ZONE), this.clock.isFixed());
	}

	/** An ISO-8601 instant with its offset, e.g. {@code 2026-11-25T08:00:00+08:00}. */
	record FixClock(@NotBlank @Size(max = 64) String now) {
	}

	record ClockState(OffsetDateTime now, boolean fixed) {
	}

}
