package org.yixing.reporting;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.NotFoundException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Browser;
import org.yixing.test.Organizations;
import org.yixing.test.QrCodes;
import org.yixing.test.Volunteers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-record certificate (RULES §10, 办法 Art. 14–15): a PDF with the holder, every
 * record as credit or honor, the totals, the issuer, a number and a QR code of the public
 * verification page, which tells a genuine certificate from anything else and says when
 * the holder's records changed after it was issued.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificatesApiTests {

	@Autowired
	Api api;

	@Autowired
	Environment environment;

	Attendance attendance;

	Organizations organizations;

	String college;

	String collegeName;

	String sibling;

	Volunteers.Registered volunteer;

	@BeforeAll
	void aVolunteerWithCreditAndHonorHours() {
		this.attendance = new Attendance(this.api);
		this.organizations = new Organizations(this.api);
		Volunteers volunteers = new Volunteers(this.api);
		this.attendance.fixClock("2026-10-12T09:00:00+08:00");
		String staff = this.organizations.staffToken();
		String university = this.organizations.createTopLevel("证明大学" + System.nanoTime() % 100_000);
		this.collegeName = "证明学院" + System.nanoTime() % 100_000;
		this.college = this.organizations.create(staff, university, this.collegeName, "420111", "LISTED");
		this.sibling = this.organizations.create(staff, university, "没有记录的学院", "420111", "LISTED");
		this.volunteer = volunteers.register();
		this.organizations.addMember(this.college, this.volunteer.idNumber());
		this.attendance.serve(staff, this.college, List.of(this.volunteer), "2026-10-12T10:00:00+08:00",
				"2026-10-12T11:30:00+08:00");
		honor(120, "2026-09-01");
	}

	@Test
	void theCertificateListsEveryRecordWithTheTotalsAndAQrCodeOfItsVerificationPage() throws Exception {
		JsonNode hours = this.api.get("/me/hours", token()).body();
		long honor = hours.path("honorMinutes").asLong();
		Api.Response pdf = this.api.get("/me/certificate.pdf", token());
		assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
		assertThat(pdf.contentType()).startsWith("application/pdf");
		assertThat(pdf.header("Content-Disposition")).startsWith("attachment");
		assertThat(pdf.header("Cache-Control")).contains("no-store");
		try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("志愿服务记录证明", "测试志愿者", "图书馆志愿服务", this.collegeName, "信用", "荣誉")
				.contains("信用时数合计 1.5 小时（90 分钟）", "荣誉时数合计 " + CertificatePdf.hours(honor) + " 小时（" + honor + " 分钟）",
						"共 " + CertificatePdf.hours(90 + honor) + " 小时")
				.contains("出具单位：益行志愿服务平台", "出具日期：2026年10月")
				.doesNotContain(this.volunteer.idNumber());
			BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 150);
			Files.createDirectories(Browser.SCREENSHOTS);
			ImageIO.write(page, "png", Browser.SCREENSHOTS.resolve("certificate-page-1.png").toFile());
			String url = QrCodes.read(page);
			assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/verify/[A-Za-z0-9_-]{43}");
			// printed as text too, for readers without a camera
			assertThat(text.replaceAll("\\s", "")).contains(url);
			String code = url.substring(url.lastIndexOf('/') + 1);
			JsonNode verified = this.api.get("/certificates/" + code).body();
			assertThat(verified.path("valid").asBoolean()).isTrue();
			assertThat(verified.path("holderName").asString()).isEqualTo("测****");
			assertThat(verified.path("creditMinutes").asLong()).isEqualTo(90);
			assertThat(verified.path("honorMinutes").asLong()).isEqualTo(honor);
			assertThat(verified.path("issuedAt").asString()).startsWith("2026-10-");
			assertThat(verified.path("superseded").asBoolean()).isFalse();
			assertThat(text).contains(verified.path("number").asString());
		}
	}

	@Test
	void askingAgainWithoutNewRecordsGivesTheSameCertificateAndNewRecordsSupersedeIt() throws Exception {
		String first = code(this.api.get("/me/certificate.pdf", token()));
		assertThat(code(this.api.get("/me/certificate.pdf", token()))).isEqualTo(first);
		this.attendance.fixClock("2026-10-20T09:00:00+08:00");
		honor(30, "2026-10-19");
		JsonNode old = this.api.get("/certificates/" + first).body();
		assertThat(old.path("valid").asBoolean()).as("still genuine").isTrue();
		assertThat(old.path("superseded").asBoolean()).isTrue();
		assertThat(old.path("supersededAt").asString()).startsWith("2026-10-20T");
		String second = code(this.api.get("/me/certificate.pdf", token()));
		assertThat(second).isNotEqualTo(first);
		JsonNode fresh = this.api.get("/certificates/" + second).body();
		assertThat(fresh.path("superseded").asBoolean()).isFalse();
		assertThat(fresh.path("honorMinutes").asLong()).isEqualTo(old.path("honorMinutes").asLong() + 30);
	}

	@Test
	void tamperedRandomAndMalformedCodesAreInvalidNeverAnError() throws Exception {
		String code = code(this.api.get("/me/certificate.pdf", token()));
		char last = code.charAt(20);
		String tampered = code.substring(0, 20) + ((last == 'A') ? 'B' : 'A') + code.substring(21);
		String random = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(java.security.SecureRandom.getSeed(32));
		for (String bad : List.of(tampered, random, "abc", "x".repeat(500), code + "A", code.substring(1),
				code.toLowerCase(), "%E4%B8%AD%E6%96%87", "..%2F..", "null")) {
			Api.Response answer = this.api.get("/certificates/" + bad);
			assertThat(answer.status()).as(bad).isIn(200, 400, 404);
			if (answer.status() == 200) {
				assertThat(answer.body().path("valid").asBoolean()).as(bad).isFalse();
				assertThat(answer.body().has("holderName")).isFalse();
			}
		}
		assertThat(this.api.get("/certificates/" + code).body().path("valid").asBoolean()).isTrue();
	}

	@Test
	void anOrganizationCertifiesOnlyWhatItAndThoseBelowItRecorded() throws Exception {
		Api.Response pdf = this.api.get("/me/certificate.pdf?organizationId=" + this.college, token());
		assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
		try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
			assertThat(new PDFTextStripper().getText(document)).contains("出具单位：" + this.collegeName);
		}
		JsonNode verified = this.api.get("/certificates/" + code(pdf)).body();
		assertThat(verified.path("issuerName").asString()).isEqualTo(this.collegeName);
		Api.Response none = this.api.get("/me/certificate.pdf?organizationId=" + this.sibling, token());
		assertThat(none.status()).isEqualTo(400);
		assertThat(none.code()).isEqualTo("VALIDATION_FAILED");
		assertThat(this.api.get("/me/certificate.pdf").status()).isEqualTo(401);
		// the platform's certificate says truthfully that a new volunteer has no record
		// yet
		Api.Response empty = this.api.get("/me/certificate.pdf", new Volunteers(this.api).register().token());
		assertThat(empty.status()).isEqualTo(200);
		try (PDDocument document = Loader.loadPDF(empty.bytes())) {
			assertThat(new PDFTextStripper().getText(document)).contains("共 0 小时，0 条记录", "（暂无记录）");
		}
	}

	@Test
	void theVerificationPageSaysWhetherACertificateIsGenuine() throws Exception {
		String code = code(this.api.get("/me/certificate.pdf", token()));
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://127.0.0.1:" + this.environment.getProperty("local.server.port");
		HttpResponse<String> valid = http.send(HttpRequest.newBuilder(URI.create(base + "/verify/" + code)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(valid.statusCode()).isEqualTo(200);
		assertThat(valid.body()).contains("测****").containsAnyOf("证明有效", "证明真实");
		HttpResponse<String> invalid = http.send(
				HttpRequest.newBuilder(URI.create(base + "/verify/" + code.substring(2) + "zz")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(invalid.statusCode()).isEqualTo(200);
		assertThat(invalid.body()).contains("无效").doesNotContain("测****");
	}

	private void honor(int minutes, String serviceDate) {
		Api.Response granted = this.api.post(
				"/organizations/" + this.college + "/honor-hours", Map.of("accountId", this.volunteer.id(), "minutes",
						minutes, "reason", "BEFORE_PLATFORM", "description", "入校前的社区服务", "serviceDate", serviceDate),
				this.organizations.staffToken());
		assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
	}

	private String token() {
		return new Volunteers(this.api).login(this.volunteer.idNumber(), Volunteers.PASSWORD);
	}

	private static String code(Api.Response pdf) throws IOException, NotFoundException {
		assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
		try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
			// 300 dpi, as a phone camera sees a printed page at least
			String url = QrCodes
				.read(new PDFRenderer(document).renderImageWithDPI(document.getNumberOfPages() - 1, 300));
			return url.substring(url.lastIndexOf('/') + 1);
		}
	}

}
