package org.yixing.organization;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.identity.AccountDirectory;
import org.yixing.identity.AccountId;
import org.yixing.identity.DemoAccounts;

/**
 * Demo organizations (README): 中南财经政法大学 with three college associations, 李四 as admin of
 * the accounting association, 张三 a member of it, 王五 waiting to join finance. Created
 * once; a later start finds them and does nothing.
 */
@Component
@Order(1)
@ConditionalOnBooleanProperty("yixing.demo-data")
class OrganizationDemoData implements ApplicationRunner {

	static final String UNIVERSITY = "中南财经政法大学";

	private static final Logger log = LoggerFactory.getLogger(OrganizationDemoData.class);

	private final Organizations organizations;

	private final Memberships memberships;

	private final AccountDirectory accounts;

	private final JdbcClient jdbc;

	private final Clock clock;

	OrganizationDemoData(Organizations organizations, Memberships memberships, AccountDirectory accounts,
			JdbcClient jdbc, Clock clock) {
		this.organizations = organizations;
		this.memberships = memberships;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		boolean present = this.jdbc.sql("SELECT count(*) FROM organizations WHERE parent_id IS NULL AND name = ?")
			.param(UNIVERSITY)
			.query(Long.class)
			.single() > 0;
		if (present) {
			return;
		}
		Instant now = this.clock.instant();
		Organization university = create(null, UNIVERSITY, Visibility.LISTED, "湖北省武汉市洪山区南湖大道182号", now);
		Organization accounting = create(university.id(), "会计学院志愿者协会", Visibility.LISTED, "会计学院团委", now);
		Organization finance = create(university.id(), "金融学院志愿者协会", Visibility.LISTED, "金融学院团委", now);
		create(university.id(), "校团委志愿服务骨干队", Visibility.HIDDEN, "校团委", now);
		AccountId zhang = account(DemoAccounts.ZHANG_SAN);
		AccountId li = account(DemoAccounts.LI_SI);
		AccountId wang = account(DemoAccounts.WANG_WU);
		this.memberships.add(li, accounting.id(), MemberRole.ADMIN, now);
		this.memberships.add(zhang, accounting.id(), MemberRole.MEMBER, now);
		this.memberships.insertRequest(UUID.randomUUID(), finance.id(), wang, "我想加入金融学院志愿者协会", now);
		log.info("Demo organizations: {} with its college associations; 李四 administers 会计学院志愿者协会", UNIVERSITY);
	}

	private Organization create(@Nullable OrganizationId parent, String name, Visibility visibility, String contact,
			Instant now) {
		Organization organization = new Organization(OrganizationId.random(), parent, name, "420111", visibility,
				name + "（演示数据）", contact, now, null);
		this.organizations.insert(organization, null);
		return organization;
	}

	private AccountId account(DemoAccounts.DemoAccount demo) {
		return this.accounts.findByIdNumber(demo.idNumber()).orElseThrow().id();
	}

}
