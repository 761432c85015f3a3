/**
 * The volunteer's rights over their personal data (PIPL Art. 45 and 47) and the keys that
 * seal it: a copy of everything held about them and erasure, through the API and 我的 →
 * 个人信息与隐私, each module contributing its part through
 * {@link org.yixing.shared.PersonalData}; and re-encryption after a PII key rotation over
 * every module's {@link org.yixing.shared.SealedData}.
 */
@NullMarked
package org.yixing.privacy;

import org.jspecify.annotations.NullMarked;
