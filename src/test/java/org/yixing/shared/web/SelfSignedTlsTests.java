package org.yixing.shared.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code YIXING_TLS_SELF_SIGNED=true} serves HTTPS from a certificate it generated into
 * the data folder, naming localhost, so that phones on a LAN get a secure context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "yixing.tls.self-signed=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SelfSignedTlsTests {

	@Value("${local.server.port}")
	int port;

	@Value("${yixing.data-dir}")
	Path dataDir;

	@Test
	void theAppAnswersOverHttpsWithTheGeneratedCertificate() throws Exception {
		Path keyStore = this.dataDir.resolve("tls/self-signed.p12");
		assertThat(keyStore).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyStore.getParent())))
			.as("the private key's folder")
			.isEqualTo("rwx------");
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(keyStore)) {
			store.load(in, Files.readString(this.dataDir.resolve("tls/self-signed.password")).trim().toCharArray());
		}
		X509Certificate certificate = (X509Certificate) store.getCertificate(SelfSignedTls.ALIAS);
		Collection<List<?>> names = certificate.getSubjectAlternativeNames();
		assertThat(names.stream().map((n) -> String.valueOf(n.get(1)))).contains("localhost", "127.0.0.1");

		HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
		HttpResponse<String> page = client.send(
				HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("身份证号或手机号");
		// Over HTTPS the browser is told to stay on HTTPS.
		assertThat(page.headers().firstValue("strict-transport-security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age=31536000", "includeSubDomains"));
	}

	/**
	 * Trusts exactly the generated certificate, as a phone does once the user accepts it.
	 */
	private static SSLContext trusting(X509Certificate certificate) throws Exception {
		TrustManager trust = new X509TrustManager() {
			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType)
					throws java.security.cert.CertificateException {
				if (!chain[0].equals(certificate)) {
					throw new java.security.cert.CertificateException("not the generated certificate");
				}
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}
		};
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { trust }, null);
		return context;
	}

}
