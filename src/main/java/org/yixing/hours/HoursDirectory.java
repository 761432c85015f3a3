package org.yixing.hours;

import org.springframework.stereotype.Service;
import org.yixing.identity.AccountId;

/** What other modules (the app's home page) may read of a volunteer's hours. */
@Service
public class HoursDirectory {

	private final Ledger ledger;

	HoursDirectory(Ledger ledger) {
		this.ledger = ledger;
	}

	public HoursBalance balanceOf(AccountId account) {
		return this.ledger.balance(account.value());
	}

}
