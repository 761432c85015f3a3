package org.yixing.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An API endpoint for platform staff only (RULES §4). The role is checked before the
 * request body is read or validated: anyone else gets 401 {@code UNAUTHENTICATED} or 403
 * {@code FORBIDDEN} and learns nothing about the endpoint's rules.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface StaffOnly {

}
