package org.yixing.shared.db;

import java.nio.file.Path;

/**
 * The main class of another JVM (org.yixing.test.ChildJvm) that starts the embedded
 * server in the data folder it is given, prints READY and waits to be killed.
 */
public final class EmbeddedServerChild {

	private EmbeddedServerChild() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedPostgresServer.acquire(Path.of(args[0]), false, null);
		System.out.println("READY");
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
