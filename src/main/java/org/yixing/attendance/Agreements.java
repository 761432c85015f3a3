package org.yixing.attendance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.shared.DomainException;

/**
 * The integrity agreement (诚信协议) a volunteer accepts at every check-in (RULES §6, check
 * 1). The newest published version is current; with none published the built-in one is.
 * Read at most {@link #TTL} ago, so that check-in, the hot path, does not ask the
 * database each time.
 */
@Service
public class Agreements {

	static final Agreement BUILT_IN = new Agreement("2026-01", """
			志愿者诚信协议

			一、本人承诺以本人真实身份参加志愿服务，本人亲自到场签到、签退，不替他人签到签退，也不请他人代为签到签退。
			二、本人只在活动规定的时间内、活动规定的签到范围内签到和签退，不使用虚拟定位等任何手段伪造位置。
			三、本人如实记录志愿服务时长；签到后因故离开活动现场的，及时签退。
			四、本人知悉：超过签退截止时间未签退的签到无效，不计入服务时长，且不能补录信用时数。
			五、本人违反本协议的，组织方可取消相应服务记录，并按组织规定处理。""");

	static final Duration TTL = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AtomicReference<@Nullable Cached> cached = new AtomicReference<>();

	Agreements(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Agreement current() {
		Instant now = this.clock.instant();
		Cached hit = this.cached.get();
		if (hit != null && hit.readAt().plus(TTL).isAfter(now) && !hit.readAt().isAfter(now)) {
			return hit.agreement();
		}
		Agreement agreement = this.jdbc
			.sql("SELECT version, text FROM agreements ORDER BY published_at DESC, version DESC LIMIT 1")
			.query((rs, n) -> new Agreement(rs.getString("version"), rs.getString("text")))
			.optional()
			.orElse(BUILT_IN);
		this.cached.set(new Cached(agreement, now));
		return agreement;
	}

	/**
	 * Publishes a new version (staff): from now on check-in requires it. A version is
	 * published once; its text cannot change afterwards.
	 */
	void publish(AuthenticatedAccount staff, String version, String text) {
		staff.requireStaff();
		String v = version.strip();
		String t = text.strip();
		if (v.isEmpty() || v.length() > 50 || !v.matches("[A-Za-z0-9._-]+")) {
			throw DomainException.invalidField("version", "console.agreement.version.invalid");
		}
		if (t.isEmpty() || t.length() > 20_000) {
			throw DomainException.invalidField("text", "console.agreement.text.invalid");
		}
		boolean inserted = !BUILT_IN.version().equals(v) && this.jdbc
			.sql("INSERT INTO agreements (version, text, published_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(v, t, Timestamp.from(this.clock.instant()))
			.update() == 1;
		if (!inserted) {
			throw DomainException.invalidField("version", "console.agreement.version.taken");
		}
		this.cached.set(null);
	}

	/**
	 * Drops the copy read at most {@link #TTL} ago, for when the table changed under this
	 * node (a restore, a test emptying it); the next read asks the database.
	 */
	public void forget() {
		this.cached.set(null);
	}

	/** Is {@code version} the current agreement's version? */
	boolean isCurrent(String version) {
		return current().version().equals(version);
	}

	public record Agreement(String version, String text) {
	}

	private record Cached(Agreement agreement, Instant readAt) {
	}

}
