package org.yixing.activity;

import java.util.Optional;

import org.springframework.stereotype.Service;

/** What attendance may know about activities. */
@Service
public class ActivityDirectory {

	private final Activities activities;

	ActivityDirectory(Activities activities) {
		this.activities = activities;
	}

	/**
	 * The activity that holds this sign-in code, ended or not; empty for an unknown code.
	 * Read at most a second ago: changes made on another node show within that second.
	 */
	public Optional<CheckInActivity> findByCheckInCode(String code) {
		return this.activities.findByCodeRecent(code).map(Activity::forCheckIn);
	}

	public Optional<CheckInActivity> find(ActivityId id) {
		return this.activities.find(id).map(Activity::forCheckIn);
	}

	public Optional<ServiceRecord> serviceRecord(ActivityId id) {
		return this.activities.find(id).map(Activity::serviceRecord);
	}

}
