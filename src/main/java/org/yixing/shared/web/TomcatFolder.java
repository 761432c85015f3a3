package org.yixing.shared.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.yixing.shared.PrivateFolder;

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
			log.warn("Could not make Tomcat's folder {} its owner's alone, where uploads wait while they are read: {}",
					folder, ex.toString());
		}
	}

	/** After Spring Boot's own customizer, which sets the folder. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
