package org.yixing.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Attendance;
import org.yixing.test.Organizations;
import org.yixing.test.Staff;
import org.yixing.test.Volunteers;
import org.yixing.test.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator's Prometheus alerts on (docs/OPERATIONS.md, "Health and metrics"):
 * each check that makes the health endpoint warn is a {@code yixing_warning} series,
 * requests are counted by the problem code they were answered with, and the alerting
 * rules in {@code docs/prometheus} name only metrics that are served and pass their own
 * tests.
 */
@ApiTest
class AlertingMetricsApiTests {

	static final Path RULES = Path.of("docs/prometheus");

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MessageSource messages;

	@Value("${local.server.port}")
	int port;

	@Test
	void aRefusedCheckInIsCountedByItsProblemCodeAndAnAcceptedOneByNone() {
		Map<String, String> refused = Map.of("method", "POST", "uri", "/api/v1/check-ins", "status", "422", "problem",
				"OUT_OF_RANGE");
		Map<String, String> accepted = Map.of("method", "POST", "uri", "/api/v1/check-ins", "status", "201", "problem",
				"none");
		Map<String, String> unauthenticated = Map.of("method", "GET", "status", "401", "problem", "UNAUTHENTICATED");
		Map<String, String> refusedOnThePage = Map.of("method", "POST", "uri", "/check-in", "status", "422", "problem",
				"OUT_OF_RANGE");
		List<Sample> before = scrape();
		checkInRefusedAndAccepted();
		// a token that signs nobody in: refused by the sign-in check (CallerChecks)
		assertThat(this.api.get("/me", "not-a-token").code()).isEqualTo("UNAUTHENTICATED");
		List<Sample> after = scrape();
		String counter = "http_server_requests_seconds_count";
		assertThat(value(after, counter, refused) - value(before, counter, refused)).isEqualTo(1.0);
		assertThat(value(after, counter, accepted) - value(before, counter, accepted)).isEqualTo(1.0);
		assertThat(value(after, counter, unauthenticated) - value(before, counter, unauthenticated)).isEqualTo(1.0);
		assertThat(value(after, counter, refusedOnThePage) - value(before, counter, refusedOnThePage))
			.as("the volunteer app's page counts the refusal it shows, as the API does")
			.isEqualTo(1.0);
		// the three, refusals too, timed in buckets; the bucket of everything counts them
		// all
		Map<String, String> checkIns = Map.of("kind", "check-in");
		String timed = "yixing_attendance_requests_seconds_count";
		assertThat(value(after, timed, checkIns) - value(before, timed, checkIns)).isEqualTo(3.0);
		Map<String, String> all = Map.of("kind", "check-in", "le", "+Inf");
		String bucket = "yixing_attendance_requests_seconds_bucket";
		assertThat(value(after, bucket, all) - value(before, bucket, all)).isEqualTo(3.0);
		assertThat(after).filteredOn((sample) -> sample.name().equals(bucket))
			.extracting((sample) -> sample.labels().get("kind") + " " + sample.labels().get("le"))
			.containsExactlyInAnyOrder("check-in 0.05", "check-in 0.25", "check-in 1.0", "check-in +Inf",
					"check-out 0.05", "check-out 0.25", "check-out 1.0", "check-out +Inf");
	}

	private void checkInRefusedAndAccepted() {
		Attendance attendance = new Attendance(this.api);
		String code = attendance.openActivityNow(new Organizations(this.api), "告警指标协会");
		Volunteers.Registered volunteer = new Volunteers(this.api).register();
		String phone = Attendance.newDevice();
		// 0.05° north of the activity's 300 m circle: some 5.5 km away
		assertThat(attendance.checkIn(volunteer.token(), phone, code, Attendance.LAT + 0.05, Attendance.LNG, Map.of())
			.code()).isEqualTo("OUT_OF_RANGE");
		assertThat(attendance.checkIn(volunteer.token(), phone, code).status()).isEqualTo(201);
		WebSession app = WebSession.signedIn(this.port, new Volunteers(this.api).register().phone(),
				Volunteers.PASSWORD);
		WebSession.Page refused = app.post("/check-in", Map.of("code", code, "v", "2026-01", "lat",
				String.valueOf(Attendance.LAT + 0.05), "lng", String.valueOf(Attendance.LNG), "accuracy", "10"));
		assertThat(refused.status()).isEqualTo(422);
	}

	@Test
	void everyCheckIsAWarningSeriesAtZeroWhileAllIsWell() {
		// (a reading is kept for a second, for the gauges of one scrape to share)
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(scrape()).filteredOn((sample) -> sample.name().equals("yixing_warning"))
				.extracting((sample) -> sample.labels().get("check") + " " + sample.labels().get("cause") + " "
						+ sample.value())
				// backups are off here; BackupRestoreDrillTests sees theirs
				.containsExactlyInAnyOrder("data_disk LOW 0.0", "data_disk NEARLY_FULL 0.0", "clock APART 0.0",
						"events UNFINISHED 0.0"));
		List<Sample> scrape = scrape();
		assertThat(scrape).extracting(Sample::name)
			.contains("yixing_data_disk_free_bytes", "yixing_data_disk_warn_below_bytes", "yixing_events_unfinished");
		assertThat(value(scrape, "yixing_data_disk_free_bytes", Map.of())).isPositive();
		assertThat(value(scrape, "yixing_data_disk_warn_below_bytes", Map.of())).isEqualTo(1024.0 * 1024 * 1024);
		assertThat(value(scrape, "yixing_events_unfinished", Map.of())).isZero();
		// and the staff's console says nothing of the server
		WebSession console = WebSession.signedIn(this.port, Staff.ID_NUMBER, Staff.PASSWORD);
		assertThat(console.get("/admin/platform").body()).contains("平台概况").doesNotContain("server-warnings");
		assertThat(console.get("/admin").body()).doesNotContain("server-warnings");
	}

	/**
	 * Each warning a check can give has the console's words for it, in both languages.
	 */
	@Test
	void everyWarningHasTheConsolesWordsForIt() {
		List<String> keys = new ArrayList<>();
		for (Gauge gauge : this.meters.find("yixing.warning").gauges()) {
			keys.add(new ServerWarnings.Warning(gauge.getId().getTag("check"), gauge.getId().getTag("cause"))
				.messageKey());
		}
		// backups are off here: their causes as the backup health check lists them
		for (String cause : List.of("NO_RECENT_BACKUP", "LAST_BACKUP_FAILED", "ARCHIVING_BEHIND", "ARCHIVING_FAILING",
				"ARCHIVING_UNKNOWN")) {
			keys.add(new ServerWarnings.Warning("backups", cause).messageKey());
		}
		assertThat(keys).hasSize(9);
		for (String key : keys) {
			String chinese = this.messages.getMessage(key, new Object[0], null, Locale.SIMPLIFIED_CHINESE);
			String english = this.messages.getMessage(key, new Object[0], null, Locale.ENGLISH);
			assertThat(chinese).as(key).isNotBlank().isNotEqualTo(key).containsPattern("\\p{IsHan}");
			assertThat(english).as(key).isNotBlank().isNotEqualTo(key).doesNotContainPattern("\\p{IsHan}");
		}
	}

	@Test
	void anEventLeftUnfinishedPastTheResubmissionAgeIsCountedAndWarned() {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date)
				VALUES (?, 'a.listener.that.never.finishes', 'java.lang.String', '"x"', now() - interval '2 days')""")
			.param(id)
			.update();
		try {
			Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				List<Sample> scrape = scrape();
				assertThat(value(scrape, "yixing_events_unfinished", Map.of())).isEqualTo(1.0);
				assertThat(value(scrape, "yixing_warning", Map.of("check", "events", "cause", "UNFINISHED")))
					.isEqualTo(1.0);
			});
			// the staff's console names it, and their overview points there
			WebSession console = WebSession.signedIn(this.port, Staff.ID_NUMBER, Staff.PASSWORD);
			assertThat(console.get("/admin/platform").body()).contains("本服务器需要处理").contains("有未完成的后台事件（如时长入账），正在重试");
			assertThat(console.get("/admin").body()).contains("本服务器有 1 项需要处理");
		}
		finally {
			this.jdbc.sql("DELETE FROM event_publication WHERE id = ?").param(id).update();
		}
	}

	@Test
	void everyMetricAndLabelTheAlertingRulesNameIsServed() throws IOException {
		String rules = Files.readString(RULES.resolve("yixing-alerts.yml"));
		// a check-in refused and one answered, so that their series exist
		checkInRefusedAndAccepted();
		List<Sample> scrape = scrape();
		Set<String> named = new TreeSet<>();
		Matcher metric = Pattern.compile("\\b(yixing_[a-z_]+|http_server_requests_seconds_count)\\b").matcher(rules);
		while (metric.find()) {
			named.add(metric.group(1));
		}
		assertThat(named).contains("yixing_warning", "yixing_data_disk_free_bytes",
				"http_server_requests_seconds_count");
		for (String name : named) {
			assertThat(scrape).as(name).anyMatch((sample) -> sample.name().equals(name));
		}
		// the label values the rules match on
		assertThat(scrape).anyMatch((sample) -> sample.name().equals("yixing_warning")
				&& sample.labels().equals(Map.of("check", "data_disk", "cause", "NEARLY_FULL")));
		Matcher problem = Pattern.compile("problem=\"([A-Z_]+)\"").matcher(rules);
		while (problem.find()) {
			assertThat(ErrorCode.valueOf(problem.group(1))).isNotNull();
		}
		// the paths the rules take: the check-ins' (the API's, the pages')
		Set<String> paths = new TreeSet<>();
		Matcher uris = Pattern.compile("uri[=!]~\"([^\"]+)\"").matcher(rules);
		while (uris.find()) {
			paths.addAll(List.of(uris.group(1).split("\\|")));
		}
		assertThat(paths).containsExactlyInAnyOrder("/api/v1/check-ins", "/check-in", "/check-in/face");
		assertThat(scrape).anyMatch((sample) -> sample.labels().get("uri") != null
				&& sample.labels().get("uri").equals("/check-in") && sample.labels().get("method").equals("POST"));
	}

	@Test
	void theAlertingRulesPassTheirTestsAndYixingsMetricsPassPromtoolsLint() throws Exception {
		String promtool = promtool();
		Assumptions.assumeTrue(promtool != null,
				"promtool not found on the PATH nor in target/promtool: .ci/run unpacks it from Debian's prometheus package");
		Run check = run(List.of(promtool, "check", "rules", "yixing-alerts.yml"));
		assertThat(check.exit()).as(check.output()).isZero();
		Run tests = run(List.of(promtool, "test", "rules", "yixing-alerts-tests.yml"));
		assertThat(tests.exit()).as(tests.output()).isZero();
		assertThat(tests.output()).contains("SUCCESS");

		// Yixing's own families, with their HELP and TYPE lines (Micrometer's own have
		// findings of their own, e.g. abbreviated units, that are not ours to change)
		StringBuilder ours = new StringBuilder();
		for (String line : this.api.get("/actuator/prometheus").text().split("\n")) {
			if (line.startsWith("yixing_") || line.matches("# (HELP|TYPE) yixing_.*")) {
				ours.append(line).append('\n');
			}
		}
		assertThat(ours).contains("# HELP yixing_warning ");
		Path exposition = Files.createTempFile("yixing-metrics", ".txt");
		try {
			Files.writeString(exposition, ours);
			Run lint = run(List.of(promtool, "check", "metrics"), exposition);
			assertThat(lint.exit()).as(lint.output()).isZero();
		}
		finally {
			Files.delete(exposition);
		}
	}

	/**
	 * docs/grafana/yixing-dashboard.json: every query is PromQL that promtool accepts
	 * (each made a recording rule, the node variable taken as any node), and every metric
	 * it names is served.
	 */
	@Test
	void theDashboardsQueriesAreValidAndNameServedMetrics() throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		JsonNode dashboard = json.readTree(Path.of("docs/grafana/yixing-dashboard.json").toFile());
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(target.path("expr").asString().replace("$instance", ".*"));
			}
		}
		assertThat(queries).hasSizeGreaterThan(15).allMatch((query) -> query.contains("job=\"yixing\""));
		checkInRefusedAndAccepted();
		List<Sample> scrape = scrape();
		Set<String> named = new TreeSet<>();
		Matcher metric = Pattern.compile("\\b([a-z][a-z_]*_[a-z_]+)\\s*\\{").matcher(String.join("\n", queries));
		while (metric.find()) {
			named.add(metric.group(1));
		}
		assertThat(named).contains("yixing_warning", "http_server_requests_seconds_count",
				"hikaricp_connections_active");
		for (String name : named) {
			if (name.startsWith("yixing_backup_")) {
				continue; // with backups on only: BackupRestoreDrillTests reads it
			}
			assertThat(scrape).as(name).anyMatch((sample) -> sample.name().equals(name));
		}
		String promtool = promtool();
		Assumptions.assumeTrue(promtool != null,
				"promtool not found on the PATH nor in target/promtool: .ci/run unpacks it from Debian's prometheus package");
		List<Map<String, String>> rules = new ArrayList<>();
		for (int i = 0; i < queries.size(); i++) {
			rules.add(Map.of("record", "dashboard:query_" + i, "expr", queries.get(i)));
		}
		// JSON is YAML: the rule file as promtool reads it
		Path file = Files.createTempFile("yixing-dashboard-queries", ".yml");
		try {
			Files.writeString(file,
					json.writeValueAsString(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)))));
			Run check = run(List.of(promtool, "check", "rules", file.toString()));
			assertThat(check.exit()).as(check.output()).isZero();
			assertThat(check.output()).contains("SUCCESS: " + queries.size() + " rules found");
		}
		finally {
			Files.delete(file);
		}
	}

	/**
	 * docs/prometheus/alertmanager.example.yml: amtool accepts it, every alert of the
	 * rules goes where its severity says, and each alert its inhibitions name is one of
	 * the rules.
	 */
	@Test
	void theExampleAlertmanagerConfigurationRoutesEveryAlertBySeverity() throws Exception {
		String amtool = tool("amtool");
		Assumptions.assumeTrue(amtool != null,
				"amtool not found on the PATH nor in target/promtool: .ci/run unpacks it from Debian's prometheus-alertmanager package");
		Run check = run(List.of(amtool, "check-config", "alertmanager.example.yml"));
		assertThat(check.exit()).as(check.output()).isZero();
		assertThat(check.output()).contains("SUCCESS").contains("3 inhibit rules");
		String rules = Files.readString(RULES.resolve("yixing-alerts.yml"));
		Map<String, String> severities = new LinkedHashMap<>();
		Matcher alert = Pattern.compile("- alert: (\\w+)[\\s\\S]*?severity: (\\w+)").matcher(rules);
		while (alert.find()) {
			severities.put(alert.group(1), alert.group(2));
		}
		assertThat(severities).hasSize(10);
		Map<String, String> receivers = Map.of("critical", "operators-urgent", "warning", "operators", "info",
				"volunteer-office");
		for (Map.Entry<String, String> rule : severities.entrySet()) {
			Run route = run(List.of(amtool, "config", "routes", "test", "--config.file=alertmanager.example.yml",
					"--verify.receivers=" + receivers.get(rule.getValue()), "alertname=" + rule.getKey(),
					"severity=" + rule.getValue()));
			assertThat(route.exit()).as(rule + ": " + route.output()).isZero();
		}
		String example = Files.readString(RULES.resolve("alertmanager.example.yml"));
		Matcher named = Pattern.compile("alertname=~?\\\\?\"([^\"\\\\]+)").matcher(example);
		int names = 0;
		while (named.find()) {
			for (String name : named.group(1).split("\\|")) {
				assertThat(severities).as(name).containsKey(name);
				names++;
			}
		}
		assertThat(names).isEqualTo(6);
	}

	record Sample(String name, Map<String, String> labels, double value) {
	}

	private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private List<Sample> scrape() {
		Api.Response response = this.api.get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		List<Sample> samples = new ArrayList<>();
		for (String line : response.text().split("\n")) {
			Matcher matcher = LINE.matcher(line);
			if (line.startsWith("#") || !matcher.matches()) {
				continue;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (matcher.group(2) != null) {
				Matcher label = LABEL.matcher(matcher.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
		}
		return samples;
	}

	/**
	 * The sum over the series of {@code name} whose labels include {@code labels}, 0 when
	 * there is none (a counter before its first count).
	 */
	private static double value(List<Sample> scrape, String name, Map<String, String> labels) {
		return scrape.stream()
			.filter((sample) -> sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet()))
			.mapToDouble(Sample::value)
			.sum();
	}

	/** On the PATH, or where .ci/run unpacks it. */
	private static @Nullable String promtool() {
		return tool("promtool");
	}

	/** On the PATH, or where .ci/run unpacks it. */
	private static @Nullable String tool(String name) {
		for (String folder : (System.getenv("PATH") + ":" + Path.of("target/promtool/usr/bin").toAbsolutePath())
			.split(":")) {
			Path candidate = Path.of(folder, name);
			if (!folder.isEmpty() && Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	record Run(int exit, String output) {
	}

	private static Run run(List<String> command) throws Exception {
		return run(command, null);
	}

	private static Run run(List<String> command, @Nullable Path input) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true);
		if (input != null) {
			builder.redirectInput(input.toFile());
		}
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

}
