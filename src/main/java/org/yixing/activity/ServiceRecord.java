package org.yixing.activity;

import java.time.Instant;

import org.yixing.organization.OrganizationId;

/**
 * The facts about an activity that a service record must carry (志愿服务记录与证明出具办法): name,
 * date, place, content, organizing unit and activity lead.
 */
public record ServiceRecord(ActivityId id, OrganizationId organizationId, String title, String content, String place,
		String leadName, Instant startAt, Instant endAt) {
}
