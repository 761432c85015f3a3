package org.yixing.identity;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its defaults, but for how it checks
 * header names, header values and parameter names: the same rule (every code point
 * assigned, none a control character; a header value may hold a tab), written as a loop
 * where the default runs a regular expression at every read of a header. Those matches
 * were ~2 % of a check-in's CPU at the 8:00 rush (issue 25, docs/PERFORMANCE.md);
 * {@code HeaderFirewallTests} holds both to the same answer for every code point and for
 * random strings.
 */
final class HeaderFirewall {

	private HeaderFirewall() {
	}

	static StrictHttpFirewall create() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderFirewall::assignedAndNotControl);
		firewall.setAllowedHeaderValues(HeaderFirewall::assignedAndNotControlButTab);
		firewall.setAllowedParameterNames(HeaderFirewall::assignedAndNotControl);
		return firewall;
	}

	/** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} */
	static boolean assignedAndNotControl(String value) {
		return allowed(value, false);
	}

	/** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} */
	static boolean assignedAndNotControlButTab(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String value, boolean tab) {
		for (int i = 0; i < value.length();) {
			int codePoint = value.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
