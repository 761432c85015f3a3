package org.yixing.organization;

import java.time.Instant;
import java.util.UUID;

/**
 * An admin sent an announcement to an organization's members (组织公告, RULES §4): the
 * members of the organization and of every organization below it are told, once each.
 *
 * @param announcementId the announcement, one per send
 */
public record OrganizationAnnouncementSent(UUID announcementId, OrganizationId organizationId, String organizationName,
		String text, Instant sentAt) {
}
