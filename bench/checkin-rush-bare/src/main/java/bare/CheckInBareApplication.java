package bare;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * pgbench's check-in transaction (bench/pgbench-checkin.sql, the same statements) behind
 * Yixing's check-in request and response, on Spring Boot's default web stack: what that
 * stack alone costs per check-in on this machine, with none of Yixing's rules, security,
 * validation or metrics. The volunteer is the number in the bench token, as pgbench's
 * script draws it; the activity's organization comes from the first statement.
 */
@SpringBootApplication
@RestController
public class CheckInBareApplication {

	private static final String TOKEN = "Bearer bench-token-";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	CheckInBareApplication(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	public static void main(String[] args) {
		SpringApplication.run(CheckInBareApplication.class, args);
	}

	@PostMapping("/api/v1/check-ins")
	@ResponseStatus(HttpStatus.CREATED)
	CheckedIn checkIn(@RequestHeader("Authorization") String authorization,
			@RequestHeader("X-Device-Id") String deviceId, @RequestBody CheckInBody body) {
		if (!authorization.startsWith(TOKEN) || body.checkInCode() == null || body.location() == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		int volunteer = Integer.parseInt(authorization.substring(TOKEN.length()));
		return this.transactions.execute((status) -> {
			Map<String, Object> activity = this.jdbc.queryForMap("""
					SELECT a.id, a.organization_id, a.title, a.start_at, a.end_at, a.geofence, a.members_only
					  FROM check_in_codes c JOIN activities a ON a.id = c.activity_id WHERE c.code = lpad(?::text, 6, '0')""",
					body.checkInCode());
			Boolean member = this.jdbc.queryForObject("""
					SELECT EXISTS (SELECT 1 FROM memberships m
					  JOIN organization_tree t ON t.descendant_id = m.organization_id AND t.ancestor_id = ?
					  WHERE m.account_id = md5('bench-account-' || ?)::uuid)""", Boolean.class,
					activity.get("organization_id"), volunteer);
			if (!Boolean.TRUE.equals(member)) {
				throw new ResponseStatusException(HttpStatus.FORBIDDEN);
			}
			return this.jdbc.queryForObject("""
					INSERT INTO bench_checkins (activity_id, account_id, device_id, checked_in_at)
					  VALUES (?, md5('bench-account-' || ?)::uuid, ?, now()) RETURNING id, checked_in_at""",
					(row, n) -> new CheckedIn(new UUID(0, row.getLong("id")).toString(),
							activity.get("id").toString(), (String) activity.get("title"),
							row.getObject("checked_in_at", OffsetDateTime.class), "OPEN"),
					activity.get("id"), volunteer, deviceId);
		});
	}

	/** The load generator's connection warm-up. */
	@GetMapping("/actuator/health")
	Map<String, String> health() {
		return Map.of("status", "UP");
	}

	record Location(Double lat, Double lng, Double accuracyMeters) {
	}

	record CheckInBody(String checkInCode, Location location, String coordinateSystem, Boolean agreementAccepted,
			String agreementVersion, String method) {
	}

	record CheckedIn(String sessionId, String activityId, String activityTitle, OffsetDateTime checkedInAt,
			String status) {
	}

}
