package org.yixing.shared.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yixing.shared.StartRefused;

/**
 * What is checked before Flyway migrates, each a refused start with what to do:
 * <ul>
 * <li>The database stores text as UTF8. Names, places and titles are Chinese: a LATIN1
 * database refuses them (the first migration with Chinese text, V8, failed with seven
 * applied), and a SQL_ASCII one keeps their bytes unchecked and counts bytes as
 * characters, so every length rule would be wrong. The embedded server's database is made
 * UTF8; an external one is made by the operator.</li>
 * <li>An older Yixing does not start on a database that a newer one has migrated. Flyway
 * only warns about migrations it does not know ("Schema … has a version … that is newer
 * than the latest available migration") and the older code would then read and write a
 * schema it was not written for: the credit record is not worth that risk. Going back
 * means the backup made before the upgrade.</li>
 * <li>When there is something to migrate, the account may create tables in its
 * schema.</li>
 * </ul>
 * Then it migrates, and says what it did in one line. Run by the data source, on the
 * thread that starts the database ({@code DataSourceConfiguration}).
 */
final class MigrationGuard {

	private static final Logger log = LoggerFactory.getLogger(MigrationGuard.class);

	/** Where the migrations are: {@code src/main/resources/db/migration}. */
	static final String LOCATION = "classpath:db/migration";

	private MigrationGuard() {
	}

	static void migrate(DataSource dataSource) {
		migrate(Flyway.configure(MigrationGuard.class.getClassLoader())
			.dataSource(dataSource)
			.locations(LOCATION)
			.load());
	}

	static void migrate(Flyway flyway) {
		Database database = Database.read(flyway.getConfiguration().getDataSource());
		refuseUnlessUtf8(database);
		MigrationInfoService info = flyway.info();
		refuseANewerSchema(info);
		if (info.pending().length > 0) {
			refuseUnlessTheAccountMayCreateTables(database);
		}
		long started = System.nanoTime();
		MigrateResult result = flyway.migrate();
		// info was read before migrating: its current version is the one migrated from
		MigrationVersion before = (info.current() != null) ? info.current().getVersion() : null;
		log.info("Database {} on PostgreSQL {}: {}", database.name(), database.serverVersion(),
				summary((before != null) ? before.getVersion() : null, result.migrations,
						(System.nanoTime() - started) / 1_000_000));
	}

	/**
	 * What the migration did, in the one line that stands for Flyway's own (a line for
	 * each migration, and four on every start with nothing to do).
	 */
	static String summary(@Nullable String before, List<MigrateOutput> applied, long millis) {
		if (applied.isEmpty()) {
			return (before != null) ? "schema at version " + before + ", nothing to migrate"
					: "schema empty, nothing to migrate";
		}
		String after = applied.get(applied.size() - 1).version;
		if (before == null) {
			return "created the schema at version " + after + " (" + applied.size() + " migrations, " + millis + " ms)";
		}
		return "migrated the schema from version " + before + " to " + after + " in " + millis + " ms: "
				+ applied.stream()
					.map((migration) -> migration.version + " " + migration.description)
					.collect(Collectors.joining(", "));
	}

	private static void refuseUnlessUtf8(Database database) {
		if (!"UTF8".equals(database.encoding())) {
			throw new StartRefused(
					"The database " + database.name() + " stores text as " + database.encoding()
							+ ", and Yixing needs UTF8: names, places and titles are Chinese, which "
							+ (("SQL_ASCII".equals(database.encoding()))
									? "SQL_ASCII keeps unchecked and counts by bytes, not characters"
									: database.encoding() + " cannot hold"),
					"Create a UTF8 database for Yixing and point YIXING_DB_URL at it: CREATE DATABASE "
							+ database.name() + "_utf8 ENCODING 'UTF8' TEMPLATE template0 OWNER <the account in "
							+ "YIXING_DB_USER> (createdb -E UTF8 -T template0 -O <account> " + database.name()
							+ "_utf8). If this database already holds Yixing's data, move it there with pg_dump and "
							+ "pg_restore.");
		}
	}

	/**
	 * Migrations make tables in the connection's schema. PostgreSQL 15 and later let only
	 * the database's owner create in {@code public}, and Flyway, refused, tried again for
	 * some ten seconds and ended in a stack trace. Checked only when something is to be
	 * migrated: a database whose schema someone else migrates is not refused.
	 */
	private static void refuseUnlessTheAccountMayCreateTables(Database database) {
		String schema = database.schema();
		if (schema != null && !database.mayCreate()) {
			throw new StartRefused(
					"The account " + database.account() + " may not create tables in the schema " + schema
							+ " of the database " + database.name() + ", and Yixing makes its tables there at the "
							+ "first start and adds to them at upgrades",
					"Make the account the database's owner, as a superuser: ALTER DATABASE " + database.name()
							+ " OWNER TO " + database.account() + "; (on PostgreSQL 15 and later the schema public "
							+ "is its database owner's). If the schema " + schema + " has an owner of its own, also: "
							+ "ALTER SCHEMA " + schema + " OWNER TO " + database.account() + ";");
		}
	}

	private static void refuseANewerSchema(MigrationInfoService info) {
		MigrationInfo[] future = Arrays.stream(info.applied())
			.filter((migration) -> migration.getState() == MigrationState.FUTURE_SUCCESS
					|| migration.getState() == MigrationState.FUTURE_FAILED)
			.toArray(MigrationInfo[]::new);
		if (future.length > 0) {
			String known = Arrays.stream(info.all())
				.filter((migration) -> migration.getState().isResolved() && migration.getVersion() != null)
				.map((migration) -> migration.getVersion().getVersion())
				.reduce((first, second) -> second)
				.orElse("none");
			throw new StartRefused("This database was migrated by a newer Yixing: its schema is at version "
					+ future[future.length - 1].getVersion() + ", and this Yixing knows versions up to " + known,
					"Start the newer Yixing again (that version or a later one). To go back to this version, "
							+ "restore the base backup made before the upgrade into an empty data folder "
							+ "(YIXING_RESTORE_FROM, docs/OPERATIONS.md \"Backups\").");
		}
	}

	/** What the checks and the summary read of the database, in one query. */
	private record Database(String encoding, String name, String account, @Nullable String schema, boolean mayCreate,
			String serverVersion) {

		static Database read(DataSource dataSource) {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT current_setting('server_encoding'), "
							+ "current_database(), current_user, current_schema(), "
							+ "coalesce(has_schema_privilege(current_schema(), 'CREATE'), false), "
							+ "current_setting('server_version')")) {
				rs.next();
				return new Database(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getBoolean(5), rs.getString(6));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not read the database's encoding and privileges", ex);
			}
		}

	}

}
