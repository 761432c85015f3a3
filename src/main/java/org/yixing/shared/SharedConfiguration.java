package org.yixing.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.web.servlet.LocaleResolver;
import org.yixing.shared.web.LanguagePreference;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SharedConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SharedConfiguration.class);

	@Bean
	ApplicationClock applicationClock() {
		return ApplicationClock.system();
	}

	/**
	 * After the data folder is ready: a restore at start (RULES §15) puts the backup's
	 * PII key in the data folder before the key is read, or generated when there is none.
	 */
	@Bean
	Secrets secrets(PlatformSettings settings, javax.sql.DataSource dataSource) throws IOException {
		org.yixing.shared.db.DatabaseStart.awaitDataFolder(dataSource);
		String previous = settings.piiKeyPrevious();
		return new Secrets(loadOrCreateKey(settings),
				(previous != null && !previous.isBlank()) ? Base64.getDecoder().decode(previous.trim()) : null);
	}

	/**
	 * A scheduled job that finds the database out of reach (an outage, a failover) says
	 * so in one line and runs again at its next turn: the jobs are idempotent.
	 */
	@Bean
	org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer outageTolerantJobs() {
		return (scheduler) -> scheduler.setErrorHandler((failure) -> {
			if (DatabaseOutage.isOutage(failure)) {
				log.warn("A scheduled job could not reach the database; it runs again at its next turn: {}",
						failure.toString());
			}
			else {
				log.error("A scheduled job failed", failure);
			}
		});
	}

	/**
	 * Events between modules are stored as JSON written by the application's mapper, as
	 * Spring Modulith's own serializer writes them, with the mapper looked up once: that
	 * serializer asks the bean factory for it at every event, which cost ~2 % of the
	 * request threads' CPU in the check-in rush (issue 25, docs/PERFORMANCE.md).
	 */
	@Bean
	EventSerializer eventSerializer(JsonMapper json) {
		return new EventSerializer() {

			@Override
			public Object serialize(Object event) {
				return json.writeValueAsString(event);
			}

			@Override
			public <T> T deserialize(Object serialized, Class<T> type) {
				return json.readerFor(type).readValue(serialized.toString());
			}

		};
	}

	/**
	 * zh-CN unless the language switch or the request asks for English
	 * (docs/ARCHITECTURE.md).
	 */
	@Bean
	LocaleResolver localeResolver() {
		return new LanguagePreference();
	}

	private static byte[] loadOrCreateKey(PlatformSettings settings) throws IOException {
		if (settings.piiKey() != null && !settings.piiKey().isBlank()) {
			return Base64.getDecoder().decode(settings.piiKey().trim());
		}
		settings.checkPiiKeyForExternalDatabase();
		Path file = settings.dataDir().resolve("pii.key");
		if (Files.exists(file)) {
			return Base64.getDecoder().decode(Files.readString(file).trim());
		}
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Files.createDirectories(settings.dataDir());
		try {
			// owner-only from its first byte: a file made readable and then restricted
			// could be opened by another account in between, and kept open
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the folder's own permissions protect the key
		}
		Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
		log.info("Generated a new PII key in {}: back it up with the database, personal data cannot be read without it",
				file.toAbsolutePath());
		return key;
	}

}
