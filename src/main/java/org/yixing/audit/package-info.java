/**
 * The audit log: who did what to which target, and when. Every module records its admin
 * actions here.
 */
@NullMarked
package org.yixing.audit;

import org.jspecify.annotations.NullMarked;
