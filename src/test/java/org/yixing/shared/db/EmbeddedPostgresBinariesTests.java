package org.yixing.shared.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.yixing.test.ChildJvm;
import org.yixing.test.NoexecMount;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL runs binaries unpacked into a folder of this user's alone, not
 * into zonky's {@code embedded-pg}, which every account may write to.
 */
@EnabledOnOs(OS.LINUX)
class EmbeddedPostgresBinariesTests {

	@TempDir
	Path data;

	@Test
	void theServerRunsBinariesFromAFolderOfThisUsersAlone() throws Exception {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(this.data, false, null)) {
			Path folder = PostgresBinaries.folder(this.data);
			Path own = folder.getParent();
			assertThat(own.getFileName().toString()).isEqualTo("yixing-postgres-" + System.getProperty("user.name"));
			assertThat(own.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).as("after zonky's start")
				.isEqualTo("rwx------");
			long postmaster = Long
				.parseLong(Files.readAllLines(this.data.resolve("postgres/postmaster.pid")).get(0).trim());
			assertThat(Files.readSymbolicLink(Path.of("/proc", String.valueOf(postmaster), "exe"))).startsWith(folder);
		}
	}

	@Test
	void withTheTemporaryFolderMountedNoexecTheServerRunsBinariesFromTheDataFolder() throws Exception {
		try (NoexecMount mount = NoexecMount.at(this.data.resolve("tmp"))) {
			Path data = this.data.resolve("data");
			ChildJvm child = ChildJvm.start(null, List.of("-Djava.io.tmpdir=" + mount.point()),
					EmbeddedServerChild.class, data.toString());
			try {
				assertThat(child.readUntil("READY")).as(child.output()).isTrue();
				long postmaster = Long
					.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
				assertThat(Files.readSymbolicLink(Path.of("/proc", String.valueOf(postmaster), "exe")))
					.startsWith(data.toAbsolutePath().resolve("postgres-binaries-" + System.getProperty("user.name")));
			}
			finally {
				child.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
				EmbeddedPostgresServer.stopLeftBehind(data.resolve("postgres"));
			}
		}
	}

}
