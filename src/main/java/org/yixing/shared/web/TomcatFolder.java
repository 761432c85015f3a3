package org.yixing.shared.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.yixing.shared.PrivateFolder;
import org.yixing.shared.StartRefused;

/**
 * Tomcat's folder ({@code server.tomcat.basedir}, by default {@code tomcat} in the data
 * folder) is open to Yixing's user alone. Uploads wait there while they are read: ID
 * photos, evidence, rosters with ID numbers, each in a file that the process's umask
 * leaves readable to every account. (The folder Spring Boot made in the temporary folder
 * before was its owner's alone; the data folder itself is often open to read.)
 */
@Component
class TomcatFolder implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private static final Logger log = LoggerFactory.getLogger(TomcatFolder.class);

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		File base = factory.getBaseDirectory();
		if (base == null) {
			// Spring Boot makes one of its own in the temporary folder, owner-only
			return;
		}
		Path folder = base.toPath();
		try {
			PrivateFolder.restrict(folder);
		}
		catch (IOException ex) {
			if (!Files.isDirectory(folder)) {
				throw cannotCreate(folder, ex);
			}
			log.warn("Could not make Tomcat's folder {} its owner's alone, where uploads wait while they are read: {}",
					folder, ex.toString());
		}
	}

	/**
	 * The first folder a start makes in the data folder, so where a data folder that the
	 * account cannot write (a service account and a folder made by root, a read-only
	 * mount) shows first: said as such, instead of Tomcat's "Unable to start web server".
	 */
	static StartRefused cannotCreate(Path folder, IOException ex) {
		String user = System.getProperty("user.name");
		String reason = (ex instanceof AccessDeniedException) ? "permission denied to the account " + user
				: (ex instanceof FileSystemException fs && fs.getReason() != null) ? fs.getReason() : ex.toString();
		Path parent = folder.toAbsolutePath().getParent();
		return new StartRefused("Yixing cannot create " + folder.toAbsolutePath() + ": " + reason,
				"Let the account that runs Yixing (" + user
						+ ") write its data folder (YIXING_DATA_DIR), e.g. mkdir -p " + parent + " && chown -R " + user
						+ " " + parent + ", or give it a data folder that it may write.",
				ex);
	}

	/** After Spring Boot's own customizer, which sets the folder. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
