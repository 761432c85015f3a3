/**
 * Accounts and identity (RULES §1, §3): registration with a resident ID number, login and
 * bearer tokens, passwords, phone binding, recovery, and the protection of ID numbers.
 * Public: {@link org.yixing.identity.AccountId}, {@link org.yixing.identity.IdNumber},
 * {@link org.yixing.identity.AuthenticatedAccount},
 * {@link org.yixing.identity.AccountDirectory} and the events.
 */
@NullMarked
package org.yixing.identity;

import org.jspecify.annotations.NullMarked;
