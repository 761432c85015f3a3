/**
 * Campus single sign-on (统一身份认证, RULES §14): a university's OpenID Connect provider
 * connected by platform staff, its sign-in beside the password form, and the linking of
 * the identities it proves to accounts (the links are kept in {@code identity}). Nothing
 * is public: it serves identity's {@link org.yixing.identity.ExternalSignOn}.
 */
@NullMarked
package org.yixing.campus;

import org.jspecify.annotations.NullMarked;
