package org.yixing.shared;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the platform as a whole, each also readable from a {@code YIXING_*}
 * environment variable (docs/OPERATIONS.md).
 *
 * @param dataDir where the embedded database and the generated PII key live
 * @param piiKey base64 256-bit master key for personal data; generated into the data
 * folder when absent and the database is embedded
 * @param piiKeyPrevious the key before a rotation, until every row is re-encrypted
 * @param devTools whether {@code /api/v1/dev/**} is on
 * @param abuseLimits whether per-IP/per-account abuse limits apply
 * @param db external database settings; when {@code url} is blank the embedded server
 * runs
 * @param backup built-in backups of the embedded server (RULES §15)
 * @param restore a restore at start from a backup folder (RULES §15)
 */
@ConfigurationProperties("yixing")
public record PlatformSettings(@DefaultValue("./data") Path dataDir, @Nullable String piiKey,
		@Nullable String piiKeyPrevious, @DefaultValue("false") boolean devTools,
		@DefaultValue("true") boolean abuseLimits, @DefaultValue Db db, @DefaultValue Backup backup,
		@DefaultValue Restore restore) {

	/** Every node must share the PII key, so an external database needs it given. */
	public void checkPiiKeyForExternalDatabase() {
		if (this.db.external() && (this.piiKey == null || this.piiKey.isBlank())) {
			throw new StartRefused(
					"YIXING_PII_KEY must be set when YIXING_DB_URL points at an external database: every node "
							+ "must share the same key",
					"Set YIXING_PII_KEY to the same key on every node: the data folder's pii.key when the database "
							+ "came from an embedded one, otherwise a new key (openssl rand -base64 32).");
		}
	}

	/**
	 * @param dir where backups go ({@code YIXING_BACKUP_DIR}: another disk, a NAS mount);
	 * none: built-in backups are off
	 * @param passphrase seals the PII key into each backup; none: backups hold no key
	 * @param retention how many daily and weekly base backups are kept, e.g.
	 * {@code 7d,4w}
	 */
	public record Backup(@Nullable Path dir, @Nullable String passphrase, @DefaultValue("7d,4w") String retention) {

		/** Built-in backups run: a folder is set and the database is the embedded one. */
		public boolean on(Db db) {
			return this.dir != null && !this.dir.toString().isBlank() && !db.external();
		}

		public boolean hasPassphrase() {
			return this.passphrase != null && !this.passphrase.isEmpty();
		}

	}

	/**
	 * @param from a backup folder to restore from on an empty data folder
	 * @param until the time to restore to (ISO-8601); none: everything archived
	 */
	public record Restore(@Nullable Path from, @Nullable String until) {

		public boolean requested() {
			return this.from != null && !this.from.toString().isBlank();
		}

	}

	/**
	 * @param connectTimeout how long a request waits for a connection (from the pool, or
	 * a new one) before it is answered 503
	 * @param statementTimeout the longest a statement may run ({@code statement_timeout})
	 */
	public record Db(@Nullable String url, @Nullable String user, @Nullable String password,
			@DefaultValue("0") int poolSize, @DefaultValue("false") boolean cleanEmbedded,
			@DefaultValue("PT3S") java.time.Duration connectTimeout,
			@DefaultValue("PT30S") java.time.Duration statementTimeout,
			java.util.@Nullable Map<String, String> embeddedSettings) {

		/**
		 * PostgreSQL settings for the embedded server, written into its
		 * {@code yixing.conf} at each start
		 * ({@code yixing.db.embedded-settings.shared_buffers=256MB}); the built-in ones
		 * (durable commits, the backups' archiving) win.
		 */
		public java.util.Map<String, String> embeddedServerSettings() {
			return (this.embeddedSettings != null) ? this.embeddedSettings : java.util.Map.of();
		}

		public boolean external() {
			return this.url != null && !this.url.isBlank();
		}

		/**
		 * The configured pool size, or by default two connections per CPU plus two: more
		 * connections than the cores can serve only add context switches (on 2 cores a
		 * pool of 6 checked in 1,700–1,900 volunteers per second where a pool of 20
		 * managed 1,100–1,390, see docs/PERFORMANCE.md). No request holds two connections
		 * at once, so a small pool cannot starve itself.
		 */
		public int effectivePoolSize() {
			return (this.poolSize > 0) ? this.poolSize : 2 * Runtime.getRuntime().availableProcessors() + 2;
		}

	}

}
