package org.yixing.backup;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Organizations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a backup folder (or with an external database) built-in backups are off: staff
 * are told so, and the health endpoint does not warn about backups that were never asked
 * for.
 */
@ApiTest
class BackupsOffTests {

	@Autowired
	Api api;

	@Test
	void withoutABackupFolderStaffAreToldBackupsAreOff() {
		String staff = new Organizations(this.api).staffToken();
		Api.Response started = this.api.post("/admin/backups", Map.of(), staff);
		assertThat(started.status()).isEqualTo(409);
		assertThat(started.code()).isEqualTo("BACKUPS_OFF");
		assertThat(started.body().get("detail").asString()).contains("YIXING_BACKUP_DIR");
		Api.Response list = this.api.get("/admin/backups", staff);
		assertThat(list.body().get("enabled").asBoolean()).isFalse();
		assertThat(list.body().get("warnings").get(0).asString()).isEqualTo("OFF");
		assertThat(this.api.get("/actuator/health").text()).contains("\"UP\"");
	}

}
