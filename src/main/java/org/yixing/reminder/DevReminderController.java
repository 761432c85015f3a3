package org.yixing.reminder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dev tools (docs/API.md): runs the reminder job on this node now, by its clock, instead
 * of waiting for its next run.
 */
@RestController
@ConditionalOnBooleanProperty("yixing.dev-tools")
class DevReminderController {

	private final ReminderJob job;

	DevReminderController(ReminderJob job) {
		this.job = job;
	}

	@PostMapping("/api/v1/dev/reminders/run")
	ReminderJob.Run run() {
		return this.job.run();
	}

}
