package org.yixing.shared.db;

import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yixing.shared.PlatformSettings;

/**
 * The one data source: the external PostgreSQL when {@code YIXING_DB_URL} is set, else
 * the embedded server in the data folder (docs/ARCHITECTURE.md).
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfiguration {

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(PlatformSettings settings,
			org.springframework.beans.factory.ObjectProvider<EmbeddedServerHooks> hooks) {
		PlatformSettings.Db db = settings.db();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("yixing");
		dataSource.setMaximumPoolSize(db.effectivePoolSize());
		// An outage is answered within seconds (503 with Retry-After), never a hang:
		// waiting for a connection, opening one and every statement are bounded.
		dataSource.setConnectionTimeout(db.connectTimeout().toMillis());
		dataSource.setValidationTimeout(Math.min(1000, db.connectTimeout().toMillis()));
		long connectSeconds = Math.max(1, db.connectTimeout().toSeconds());
		dataSource.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
		dataSource.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
		dataSource.addDataSourceProperty("tcpKeepAlive", "true");
		// a server that stops answering mid-statement (a network cut, a commit waiting
		// for a standby that is gone) is given up on too, after twice the statement time
		dataSource.addDataSourceProperty("socketTimeout",
				String.valueOf(Math.max(1, db.statementTimeout().toSeconds() * 2)));
		dataSource.addDataSourceProperty("options", "-c statement_timeout=" + db.statementTimeout().toMillis()
				+ " -c lock_timeout=" + db.statementTimeout().toMillis());
		if (db.external()) {
			settings.checkPiiKeyForExternalDatabase();
			dataSource.setJdbcUrl(db.url());
			dataSource.setUsername(db.user());
			dataSource.setPassword(db.password());
			return dataSource;
		}
		EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(settings.dataDir(), db.cleanEmbedded(),
				hooks.getIfAvailable(), db.embeddedServerSettings());
		return new EmbeddedDataSource(dataSource, server).configure();
	}

	/** Closes the pool first and then lets go of the embedded server. */
	static final class EmbeddedDataSource extends HikariDataSource {

		private final EmbeddedPostgresServer server;

		private final AtomicBoolean closed = new AtomicBoolean();

		EmbeddedDataSource(HikariDataSource template, EmbeddedPostgresServer server) {
			template.copyStateTo(this);
			this.server = server;
		}

		EmbeddedDataSource configure() {
			setJdbcUrl(this.server.jdbcUrl());
			setUsername(EmbeddedAuthentication.SUPERUSER);
			setPassword(this.server.password());
			return this;
		}

		@Override
		public void close() {
			if (!this.closed.compareAndSet(false, true)) {
				return;
			}
			try {
				super.close();
			}
			finally {
				this.server.close();
			}
		}

	}

}
