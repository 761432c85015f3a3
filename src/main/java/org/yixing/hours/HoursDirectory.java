package org.yixing.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yixing.identity.AccountId;

/** What other modules may read of the ledger: a volunteer's balance, and standings. */
@Service
public class HoursDirectory {

	private final Ledger ledger;

	private final Standings standings;

	private final ServiceRecords records;

	HoursDirectory(Ledger ledger, Standings standings, ServiceRecords records) {
		this.ledger = ledger;
		this.standings = standings;
		this.records = records;
	}

	/**
	 * Every volunteer with minutes these organizations recorded in the range, ranked as
	 * {@link #standings} but without the activity details (for a whole subtree's export).
	 */
	public List<Standing> totals(Collection<UUID> organizations, LocalDate from, LocalDate to) {
		return this.standings.top(organizations, from, to, Integer.MAX_VALUE);
	}

	/**
	 * Hours per month and the volunteers with any, from the month of {@code from} to that
	 * of {@code to}, for the console's charts.
	 */
	public List<Month> months(Collection<UUID> organizations, LocalDate from, LocalDate to) {
		return this.standings.months(organizations, from, to);
	}

	/**
	 * The volunteers with minutes recorded by each group of organizations (a college and
	 * everything below it) in the months from {@code from} to {@code to}.
	 */
	public Map<UUID, Long> activeVolunteers(Map<UUID, ? extends Collection<UUID>> groups, LocalDate from,
			LocalDate to) {
		return this.standings.activeVolunteers(groups, from, to);
	}

	/**
	 * The volunteer's service records, only those the organizations recorded when given,
	 * oldest service first.
	 */
	public List<ServiceRecord> recordsOf(UUID account, @Nullable Collection<UUID> organizations) {
		return this.records.of(account, organizations);
	}

	/**
	 * How many ledger entries the volunteer has (within the organizations when given).
	 */
	public long entryCount(UUID account, @Nullable Collection<UUID> organizations) {
		return this.records.count(account, organizations);
	}

	/**
	 * When the volunteer's ledger (within the organizations) first changed after a time.
	 */
	public @Nullable Instant firstChangeAfter(UUID account, @Nullable Collection<UUID> organizations, Instant since) {
		return this.records.firstRecordedAfter(account, organizations, since);
	}

	/** The volunteers with any entry these organizations recorded for the range. */
	public List<UUID> volunteersWithin(Collection<UUID> organizations, LocalDate from, LocalDate to) {
		return this.records.volunteersWithin(organizations, from, to);
	}

	/**
	 * Every record these organizations kept of service from {@code from} to {@code to},
	 * streamed by date and volunteer.
	 */
	@Transactional(readOnly = true)
	public void recordsWithin(Collection<UUID> organizations, LocalDate from, LocalDate to,
			Consumer<ServiceRecord> each) {
		this.records.within(organizations, from, to, each);
	}

	/**
	 * One ledger entry as a service record: credit (from a session) or honor (granted or
	 * corrected by an organization).
	 *
	 * @param credit credit minutes from a session, else honor minutes
	 * @param source {@code SESSION}, {@code MAKEUP} or {@code CORRECTION}
	 * @param minutes negative for a correction that removes minutes
	 */
	public record ServiceRecord(UUID entryId, UUID accountId, boolean credit, String source, int minutes,
			UUID organizationId, String organizationName, @Nullable UUID activityId, String activityTitle,
			LocalDate serviceDate, String place, String content, String activityLead, String description,
			Instant recordedAt) {
	}

	/**
	 * @param volunteers volunteers with any minutes that month
	 */
	public record Month(LocalDate month, long creditMinutes, long honorMinutes, long volunteers) {
	}

	/**
	 * The first {@code limit} volunteers by the minutes these organizations recorded for
	 * service from {@code from} to {@code to} (both included), ranked as RULES §10 and
	 * docs/API.md say, each with their activities in the range and the latest one.
	 */
	public List<Standing> standings(Collection<UUID> organizations, LocalDate from, LocalDate to, int limit) {
		List<Standing> top = this.standings.top(organizations, from, to, limit);
		Map<UUID, Standings.Detail> details = this.standings.details(top.stream().map(Standing::accountId).toList(),
				organizations, from, to);
		return top.stream().map((s) -> {
			Standings.Detail detail = details.get(s.accountId());
			return (detail != null) ? s.with(detail) : s;
		}).toList();
	}

	/**
	 * @param rank 1 for the first
	 * @param activities distinct activities with minutes in the range
	 * @param lastCreditAt when the latest credited session was recorded (the tie-break)
	 */
	public record Standing(int rank, UUID accountId, long creditMinutes, long honorMinutes, int activities,
			@Nullable Instant lastCreditAt, @Nullable String lastActivityTitle, @Nullable LocalDate lastActivityDate) {

		Standing(int rank, UUID accountId, long creditMinutes, long honorMinutes, int activities,
				@Nullable Instant lastCreditAt) {
			this(rank, accountId, creditMinutes, honorMinutes, activities, lastCreditAt, null, null);
		}

		Standing with(Standings.Detail detail) {
			return new Standing(this.rank, this.accountId, this.creditMinutes, this.honorMinutes, detail.activities(),
					this.lastCreditAt, detail.lastTitle(), detail.lastDate());
		}

	}

	public HoursBalance balanceOf(AccountId account) {
		return this.ledger.balance(account.value());
	}

}
