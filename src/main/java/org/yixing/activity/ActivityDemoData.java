package org.yixing.activity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.organization.OrganizationId;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.geo.Geofence;

/**
 * A demo activity for today (README): 08:00–22:00 Asia/Shanghai at 中南财经政法大学, a 500 m
 * circle, members of 会计学院志愿者协会 only. One per day; its code is logged.
 */
@Component
@Order(2)
@ConditionalOnBooleanProperty("yixing.demo-data")
class ActivityDemoData implements ApplicationRunner {

	static final GeoPoint CAMPUS = new GeoPoint(30.4745, 114.3876);

	private static final Logger log = LoggerFactory.getLogger(ActivityDemoData.class);

	private final Activities activities;

	private final ActivityManagement management;

	private final JdbcClient jdbc;

	private final Clock clock;

	ActivityDemoData(Activities activities, ActivityManagement management, JdbcClient jdbc, Clock clock) {
		this.activities = activities;
		this.management = management;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		UUID organization = this.jdbc.sql("SELECT id FROM organizations WHERE name = '会计学院志愿者协会' LIMIT 1")
			.query(UUID.class)
			.optional()
			.orElse(null);
		if (organization == null) {
			return;
		}
		LocalDate today = ApplicationClock.today(this.clock);
		Instant start = ZonedDateTime.of(today.atTime(8, 0), ApplicationClock.ZONE).toInstant();
		Activity existing = this.activities.ofOrganization(new OrganizationId(organization))
			.stream()
			.filter((a) -> a.startAt().equals(start))
			.findFirst()
			.orElse(null);
		Activity activity = (existing != null) ? existing : this.management.publishAsSystem(
				new OrganizationId(organization),
				new ActivityManagement.Draft("图书馆志愿服务（演示）", "整理图书馆书架，引导读者。", "中南财经政法大学图书馆", "李四", start,
						ZonedDateTime.of(today.atTime(22, 0), ApplicationClock.ZONE).toInstant(),
						new Geofence.Circle(CAMPUS, 500), true, null, 30, 30, false, CheckInMode.CODE, 15, null));
		log.info("Demo activity today 08:00–22:00 at 中南财经政法大学 (30.4745, 114.3876, 500 m): sign-in code {}",
				activity.checkInCode());
	}

}
