package org.yixing.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.yixing.attendance.SessionCompleted;

/** Listens like the hours ledger will: through the event publication registry. */
@TestComponent
public class SessionCompletedRecorder {

	private final List<SessionCompleted> received = new CopyOnWriteArrayList<>();

	@ApplicationModuleListener
	void on(SessionCompleted event) {
		this.received.add(event);
	}

	public List<SessionCompleted> received() {
		return List.copyOf(this.received);
	}

}
