package org.yixing.shared.web;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.yixing.shared.PlatformSettings;
import org.yixing.shared.PrivateFolder;

/**
 * {@code YIXING_TLS_SELF_SIGNED=true}: serves HTTPS with a self-signed certificate kept
 * in the data folder, so that an association can try check-in on real phones on a LAN
 * (browsers give geolocation and the camera only to secure contexts). The certificate
 * names localhost and this machine's LAN addresses; phones warn once that it is
 * self-signed. Production uses an SSL bundle or a reverse proxy (docs/OPERATIONS.md); a
 * configured {@code server.ssl} wins over this.
 */
@Component
@ConditionalOnBooleanProperty("yixing.tls.self-signed")
class SelfSignedTls implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

	private static final Logger log = LoggerFactory.getLogger(SelfSignedTls.class);

	static final String ALIAS = "yixing";

	private static final String PASSWORD_VARIABLE = "YIXING_KEYSTORE_PASSWORD";

	private final Path folder;

	SelfSignedTls(PlatformSettings settings) {
		this.folder = settings.dataDir().resolve("tls");
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		Path keyStore = this.folder.resolve("self-signed.p12");
		Path passwordFile = this.folder.resolve("self-signed.password");
		try {
			// the private key and its password: the owner's alone, also where an earlier
			// version made the folder open to read
			PrivateFolder.restrict(this.folder);
			if (!Files.exists(keyStore) || !Files.exists(passwordFile)) {
				generate(keyStore, passwordFile);
			}
			String password = Files.readString(passwordFile).trim();
			Ssl ssl = new Ssl();
			ssl.setEnabled(true);
			ssl.setKeyStore(keyStore.toAbsolutePath().toUri().toString());
			ssl.setKeyStoreType("PKCS12");
			ssl.setKeyStorePassword(password);
			ssl.setKeyAlias(ALIAS);
			factory.setSsl(ssl);
			log.warn("HTTPS with a self-signed certificate ({}): for trying Yixing on a LAN, not for production",
					keyStore.toAbsolutePath());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create the self-signed certificate in " + this.folder, ex);
		}
	}

	/** After Boot's own customizers: an explicit server.ssl is kept as it is. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private void generate(Path keyStore, Path passwordFile) throws IOException {
		Files.deleteIfExists(keyStore);
		byte[] secret = new byte[18];
		new SecureRandom().nextBytes(secret);
		String password = HexFormat.of().formatHex(secret);
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
				"-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "825", "-dname",
				"CN=Yixing LAN trial", "-ext", "SAN=" + subjectAlternativeNames(), "-keystore", keyStore.toString(),
				"-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE);
		try {
			// in keytool's environment, not on its command line, which every account sees
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().put(PASSWORD_VARIABLE, password);
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(keyStore)) {
				throw new IOException("keytool failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		Files.writeString(passwordFile, password + "\n");
	}

	/** localhost and every LAN IPv4 address of this machine. */
	static String subjectAlternativeNames() {
		List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
		try {
			for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
				for (InetAddress address : nic.inetAddresses().toList()) {
					if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
						names.add("ip:" + address.getHostAddress());
					}
				}
			}
		}
		catch (SocketException ex) {
			// localhost alone still serves a trial on this machine
		}
		return String.join(",", names);
	}

}
