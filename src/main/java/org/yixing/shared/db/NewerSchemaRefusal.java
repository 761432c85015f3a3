package org.yixing.shared.db;

import java.util.Arrays;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;
import org.yixing.shared.StartRefused;

/**
 * An older Yixing does not start on a database that a newer one has migrated. Flyway only
 * warns about migrations it does not know ("Schema … has a version … that is newer than
 * the latest available migration") and the older code would then read and write a schema
 * it was not written for: the credit record is not worth that risk. Going back means the
 * backup made before the upgrade.
 */
@Component
class NewerSchemaRefusal implements FlywayMigrationStrategy {

	@Override
	public void migrate(Flyway flyway) {
		MigrationInfoService info = flyway.info();
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
		flyway.migrate();
	}

}
