package org.yixing.shared;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the platform as a whole, each also readable from a {@code YIXING_*}
 * environment variable (DESIGN.md §4).
 *
 * @param dataDir where the embedded database and the generated PII key live
 * @param piiKey base64 256-bit master key for personal data; generated into the data
 * folder when absent and the database is embedded
 * @param devTools whether {@code /api/v1/dev/**} is on
 * @param abuseLimits whether per-IP/per-account abuse limits apply
 * @param db external database settings; when {@code url} is blank the embedded server
 * runs
 */
@ConfigurationProperties("yixing")
public record PlatformSettings(@DefaultValue("./data") Path dataDir, @Nullable String piiKey,
		@DefaultValue("false") boolean devTools, @DefaultValue("true") boolean abuseLimits, @DefaultValue Db db) {

	public record Db(@Nullable String url, @Nullable String user, @Nullable String password,
			@DefaultValue("20") int poolSize, @DefaultValue("false") boolean cleanEmbedded) {

		public boolean external() {
			return this.url != null && !this.url.isBlank();
		}

	}

}
