package org.yixing.identity;

/** An account came to exist, by registration, roster import, bootstrap or demo data. */
public record AccountRegistered(AccountId accountId, String origin) {
}
