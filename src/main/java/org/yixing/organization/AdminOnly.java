package org.yixing.organization;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An API endpoint for organization admins and platform staff (RULES §4). The role is
 * checked before the request body is read or validated: a volunteer who administers no
 * organization gets 403 {@code FORBIDDEN}. Which organizations an admin may act on is
 * still decided by the service through {@link OrganizationPolicy}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface AdminOnly {

}
