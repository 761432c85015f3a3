package org.yixing.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.yixing.identity.AccountId;

/** What other modules may read of the ledger: a volunteer's balance, and standings. */
@Service
public class HoursDirectory {

	private final Ledger ledger;

	private final Standings standings;

	HoursDirectory(Ledger ledger, Standings standings) {
		this.ledger = ledger;
		this.standings = standings;
	}

	/**
	 * The first {@code limit} volunteers by the minutes these organizations recorded for
	 * service from {@code from} to {@code to} (both included), ranked as RULES §10 and
	 * DESIGN.md §5 say, each with their activities in the range and the latest one.
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
