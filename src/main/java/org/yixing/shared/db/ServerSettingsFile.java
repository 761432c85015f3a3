package org.yixing.shared.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Settings for an embedded PostgreSQL that are written into its data folder rather than
 * given on its command line (a value with spaces, such as a shell command, does not
 * survive {@code pg_ctl -o}): {@code yixing.conf}, rewritten at every start and included
 * from {@code postgresql.conf}.
 */
public final class ServerSettingsFile {

	static final String NAME = "yixing.conf";

	private ServerSettingsFile() {
	}

	public static void write(Path dataDirectory, Map<String, String> settings) {
		StringBuilder text = new StringBuilder("# Written by Yixing at each start; edits are lost.\n");
		settings
			.forEach((key, value) -> text.append(key).append(" = '").append(value.replace("'", "''")).append("'\n"));
		try {
			Files.writeString(dataDirectory.resolve(NAME), text, StandardCharsets.UTF_8);
			Path conf = dataDirectory.resolve("postgresql.conf");
			String include = "include_if_exists = '" + NAME + "'";
			if (!Files.readString(conf).contains(include)) {
				Files.writeString(conf, "\n" + include + "\n", StandardCharsets.UTF_8,
						java.nio.file.StandardOpenOption.APPEND);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the server settings into " + dataDirectory, ex);
		}
	}

}
