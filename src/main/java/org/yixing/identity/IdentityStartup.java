package org.yixing.identity;

import java.time.Clock;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.yixing.shared.ApplicationClock;
import org.yixing.sms.PhoneNumber;
import org.yixing.shared.StartRefused;

/**
 * At start: the bootstrap staff account from {@code YIXING_BOOTSTRAP_STAFF_*} and, with
 * {@code YIXING_DEMO_DATA=true}, the demo accounts listed in the README. Both idempotent.
 */
@Component
@Order(0)
class IdentityStartup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(IdentityStartup.class);

	private final AccountRegistration registration;

	private final StartupSettings settings;

	private final Clock clock;

	IdentityStartup(AccountRegistration registration, StartupSettings settings, Clock clock) {
		this.registration = registration;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		LocalDate today = ApplicationClock.today(this.clock);
		StartupSettings.Staff staff = this.settings.bootstrap().staff();
		if (staff.idNumber() != null && !staff.idNumber().isBlank()) {
			if (staff.password() == null || staff.password().isBlank()) {
				throw new StartRefused(
						"YIXING_BOOTSTRAP_STAFF_PASSWORD is required with YIXING_BOOTSTRAP_STAFF_ID_NUMBER",
						"Set the first staff account's password in YIXING_BOOTSTRAP_STAFF_PASSWORD, or unset "
								+ "YIXING_BOOTSTRAP_STAFF_ID_NUMBER.");
			}
			Account account = this.registration.ensure(staff.name(), IdNumber.parse(staff.idNumber(), today),
					(staff.phone() != null && !staff.phone().isBlank()) ? PhoneNumber.parse(staff.phone()) : null, null,
					staff.password(), true, "BOOTSTRAP");
			log.info("Bootstrap staff account ready: {} ({})", account.realName(), account.idNumberMasked());
		}
		if (this.settings.demoData()) {
			for (DemoAccounts.DemoAccount demo : DemoAccounts.ALL) {
				this.registration.ensure(demo.name(), IdNumber.parse(demo.idNumber(), today),
						PhoneNumber.parse(demo.phone()), demo.regionCode(), DemoAccounts.PASSWORD, demo.staff(),
						"DEMO");
			}
			StringBuilder logins = new StringBuilder("Demo logins (password ").append(DemoAccounts.PASSWORD)
				.append("):");
			DemoAccounts.ALL.forEach((demo) -> logins.append("\n  ")
				.append(demo.staff() ? "staff     " : "volunteer ")
				.append(demo.name())
				.append("  ID ")
				.append(demo.idNumber())
				.append("  phone ")
				.append(demo.phone()));
			log.info(logins.toString());
		}
	}

	/**
	 * @param demoData {@code YIXING_DEMO_DATA}
	 * @param bootstrap {@code YIXING_BOOTSTRAP_STAFF_*}
	 */
	@ConfigurationProperties("yixing")
	record StartupSettings(@DefaultValue("false") boolean demoData, @DefaultValue Bootstrap bootstrap) {

		record Bootstrap(@DefaultValue Staff staff) {
		}

		record Staff(@Nullable String idNumber, @Nullable String password, @DefaultValue("平台管理员") String name,
				@Nullable String phone) {
		}

	}

}
