package org.yixing.sms;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.DomainException;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Secrets;

/**
 * Sends and checks SMS verification codes (RULES §2). The per-phone quota row is locked
 * for every send, so the daily limit and the spacing hold across app nodes.
 */
@Service
public class SmsCodes {

	public static final Duration VALIDITY = Duration.ofMinutes(5);

	public static final Duration SPACING = Duration.ofSeconds(60);

	public static final int DAILY_LIMIT = 3;

	public static final int MAX_WRONG_ENTRIES = 3;

	private static final Logger log = LoggerFactory.getLogger(SmsCodes.class);

	private final SmsCodeRecords records;

	private final SmsGateway gateway;

	private final Secrets secrets;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	SmsCodes(SmsCodeRecords records, SmsGateway gateway, Secrets secrets, Clock clock) {
		this.records = records;
		this.gateway = gateway;
		this.secrets = secrets;
		this.clock = clock;
	}

	/**
	 * Sends a new code, within 3 per phone per Asia/Shanghai day and 60 s apart; the
	 * newest code replaces earlier ones of the same purpose.
	 */
	@Transactional
	public CodeSent send(String rawPhone, SmsPurpose purpose) {
		PhoneNumber phone = PhoneNumber.parse(rawPhone);
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ApplicationClock.ZONE);
		byte[] phoneHash = phoneHash(phone);
		SmsCodeRecords.Quota quota = this.records.lockQuota(phoneHash, today, now);
		int sentToday = quota.day().equals(today) ? quota.sentThatDay() : 0;
		if (sentToday >= DAILY_LIMIT) {
			throw new DomainException(ErrorCode.SMS_DAILY_LIMIT);
		}
		Duration sinceLast = Duration.between(quota.lastSentAt(), now);
		if (!sinceLast.isNegative() && sinceLast.compareTo(SPACING) < 0) {
			long wait = SPACING.minus(sinceLast).toSeconds() + ((SPACING.minus(sinceLast).toNanosPart() > 0) ? 1 : 0);
			throw new DomainException(ErrorCode.SMS_TOO_FREQUENT, wait).with("retryAfterSeconds", wait);
		}
		String code = "%06d".formatted(this.random.nextInt(1_000_000));
		UUID id = UUID.randomUUID();
		this.records.insertCode(id, phoneHash, purpose, codeHash(id, code), now, now.plus(VALIDITY));
		this.records.updateQuota(phoneHash, today, sentToday + 1, now);
		try {
			this.gateway.send(SmsGateway.SmsMessage.code(phone, purpose, code, text(purpose, code)));
		}
		catch (SmsGateway.SmsDeliveryException ex) {
			log.warn("SMS to {} not delivered: {}", phone, ex.getMessage());
			throw new DomainException(ErrorCode.SMS_UNAVAILABLE);
		}
		return new CodeSent(VALIDITY.toSeconds(), SPACING.toSeconds());
	}

	/**
	 * Checks a code and uses it up. Wrong or empty entries count, and are kept even
	 * though the caller's request fails: after the 3rd the code is void
	 * ({@code SMS_CODE_EXHAUSTED}).
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = DomainException.class)
	public void verify(String rawPhone, SmsPurpose purpose, @Nullable String entered) {
		PhoneNumber phone = PhoneNumber.parse(rawPhone);
		Instant now = this.clock.instant();
		SmsCodeRecords.StoredCode stored = this.records.lockLatest(phoneHash(phone), purpose)
			.orElseThrow(() -> new DomainException(ErrorCode.SMS_CODE_INVALID));
		if (stored.wrongAttempts() >= MAX_WRONG_ENTRIES) {
			throw new DomainException(ErrorCode.SMS_CODE_EXHAUSTED);
		}
		if (stored.consumed() || !now.isBefore(stored.expiresAt())) {
			throw new DomainException(ErrorCode.SMS_CODE_INVALID);
		}
		String code = (entered != null) ? entered.trim() : "";
		if (MessageDigest.isEqual(stored.codeHash(), codeHash(stored.id(), code))) {
			this.records.consume(stored.id(), now);
			return;
		}
		// Every wrong entry is SMS_CODE_INVALID; from then on a code with 3 of them is
		// void.
		this.records.recordWrongAttempt(stored.id());
		throw new DomainException(ErrorCode.SMS_CODE_INVALID);
	}

	private byte[] phoneHash(PhoneNumber phone) {
		return this.secrets.keyedHash("sms-phone", phone.value());
	}

	private byte[] codeHash(UUID id, String code) {
		return this.secrets.keyedHash("sms-code", id + ":" + code);
	}

	private static String text(SmsPurpose purpose, String code) {
		return "【益行】您的%s验证码为%s，%d分钟内有效，请勿泄露给他人。".formatted(purpose.label(), code, VALIDITY.toMinutes());
	}

	/** What the client is told after a send. */
	public record CodeSent(long expiresInSeconds, long resendAfterSeconds) {
	}

}
