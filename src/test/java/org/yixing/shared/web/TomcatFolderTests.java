package org.yixing.shared.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.yixing.shared.PlatformSettings;
import org.yixing.shared.StartRefused;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tomcat keeps its folder, where an upload waits while it is read, in the data folder:
 * one folder for every start, out of reach of the temporary folder's cleaners, and of
 * every other account.
 */
@ApiTest
class TomcatFolderTests {

	@Autowired
	ServletWebServerApplicationContext context;

	@Autowired
	PlatformSettings settings;

	@Test
	void tomcatsFolderIsInTheDataFolder() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		Path base = server.getTomcat().getServer().getCatalinaBase().toPath();
		assertThat(base).isEqualTo(this.settings.dataDir().resolve("tomcat").toAbsolutePath());
	}

	@Test
	void aDataFolderThatCannotBeWrittenStopsTheStartWithWhatToDo(@TempDir Path temporary) throws Exception {
		Path file = Files.writeString(temporary.resolve("data"), "a file where the data folder should be");
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		factory.setBaseDirectory(file.resolve("tomcat").toFile());

		assertThatExceptionOfType(StartRefused.class).isThrownBy(() -> new TomcatFolder().customize(factory))
			.satisfies((refused) -> {
				assertThat(refused.description())
					.isEqualTo("Yixing cannot create " + file.resolve("tomcat") + ": Not a directory");
				assertThat(refused.action()).contains("mkdir -p " + file + " && chown -R ").contains("YIXING_DATA_DIR");
			});
	}

	@Test
	@EnabledOnOs({ OS.LINUX, OS.MAC })
	void tomcatsFolderWhereUploadsWaitIsItsOwnersAlone() throws Exception {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		Path base = server.getTomcat().getServer().getCatalinaBase().toPath();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base))).isEqualTo("rwx------");
	}

}
