package org.yixing.privacy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yixing.audit.AuditLog;
import org.yixing.identity.AuthenticatedAccount;
import org.yixing.identity.Reauthentication;
import org.yixing.shared.ApplicationClock;
import org.yixing.shared.PersonalData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The volunteer's rights over their personal data (PIPL Art. 45 and 47): a copy of
 * everything held about them, and erasure. Every module contributes through
 * {@link PersonalData}; erasure runs in one transaction, so it happens whole or not at
 * all.
 */
@Service
class PersonalDataRights {

	static final String FORMAT = "yixing-personal-data/1";

	private final List<PersonalData> modules;

	private final Reauthentication holder;

	private final AuditLog audit;

	private final JsonMapper json;

	private final Clock clock;

	private final TransactionTemplate transactions;

	PersonalDataRights(List<PersonalData> modules, Reauthentication holder, AuditLog audit, JsonMapper json,
			TransactionTemplate transactions, Clock clock) {
		this.transactions = transactions;
		this.modules = modules;
		this.holder = holder;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	/** Everything held about the caller, one section per module. */
	Map<String, Object> export(AuthenticatedAccount me) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("format", FORMAT);
		out.put("exportedAt", this.clock.instant().atZone(ApplicationClock.ZONE).toOffsetDateTime().toString());
		UUID account = me.id().value();
		for (PersonalData module : this.modules) {
			out.put(module.section(), module.export(account));
		}
		return out;
	}

	/**
	 * The export as a zip: {@code personal-data.json} and the files held about the
	 * caller.
	 */
	byte[] exportZip(AuthenticatedAccount me) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
			zip.putNextEntry(new ZipEntry("personal-data.json"));
			zip.write(this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(export(me)));
			zip.closeEntry();
			for (PersonalData module : this.modules) {
				for (PersonalData.PersonalFile file : module.files(me.id().value())) {
					zip.putNextEntry(new ZipEntry(file.path()));
					zip.write(file.content());
					zip.closeEntry();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Erases the caller's personal data after their password; the account can no longer
	 * sign in, its hours stay in the ledger under a pseudonym.
	 */
	void erase(AuthenticatedAccount me, @Nullable String password) {
		// The password first, in a transaction of its own: a wrong one counts toward the
		// lock-out, and the erasure never starts.
		this.holder.confirm(me.id(), password);
		this.transactions.executeWithoutResult((status) -> {
			this.holder.holdForErasure(me.id());
			Instant now = this.clock.instant();
			for (PersonalData module : this.modules) {
				module.erase(me.id().value(), now);
			}
			this.audit.record(me.id().value(), "ACCOUNT_ERASED", "ACCOUNT", me.id().value().toString(), Map.of());
		});
	}

}
