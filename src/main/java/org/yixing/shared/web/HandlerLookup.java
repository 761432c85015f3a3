package org.yixing.shared.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds a request's controller method without testing every mapping of the application.
 * <p>
 * Spring MVC finds a path without variables in a map, but a path with one (the
 * check-out's {@code /api/v1/check-ins/{sessionId}/check-out}) is tested against each of
 * the application's some 400 mappings in turn: HTTP method, parameters, headers, content
 * types, then the path pattern. At the 8:00 rush that was about a tenth of the
 * application's CPU (docs/PERFORMANCE.md). Here a mapping is tested only when the path
 * starts with the literal segments of one of its patterns (those before its first
 * variable or wildcard), as any path the pattern matches does. The result is the same
 * mapping Spring would have chosen: only mappings that cannot match are skipped, and
 * Spring's own comparison still picks among the rest. A percent-encoded path, which a
 * pattern matches decoded, is tested against every mapping as before.
 */
@Component
class HandlerLookup implements WebMvcRegistrations {

	@Override
	public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
		return new PrefixCheckingMapping();
	}

	/**
	 * The literal beginnings of a mapping's path patterns; none when it has no path
	 * patterns, which rules nothing out.
	 */
	static String[] literalPrefixes(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null) {
			return new String[0];
		}
		String[] prefixes = new String[condition.getPatterns().size()];
		int i = 0;
		for (PathPattern pattern : condition.getPatterns()) {
			String text = pattern.getPatternString();
			int end = text.length();
			for (int k = 0; k < text.length(); k++) {
				char c = text.charAt(k);
				if (c == '{' || c == '*' || c == '?') {
					// up to the segment before it: "/x/**" and "/x/{*rest}" match "/x"
					// too
					end = Math.max(0, text.lastIndexOf('/', k - 1));
					break;
				}
			}
			prefixes[i++] = text.substring(0, end);
		}
		return prefixes;
	}

	/** Whether a path could match a mapping with these literal prefixes. */
	static boolean couldMatch(String[] prefixes, String path) {
		if (prefixes.length == 0) {
			return true;
		}
		for (String prefix : prefixes) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	static final class PrefixCheckingMapping extends RequestMappingHandlerMapping {

		/** The path being looked up on this thread, while Spring walks the mappings. */
		private static final ThreadLocal<String> LOOKUP_PATH = new ThreadLocal<>();

		private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

		@Override
		protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
			if (lookupPath.indexOf('%') >= 0) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			String outer = LOOKUP_PATH.get();
			LOOKUP_PATH.set(lookupPath);
			try {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			finally {
				if (outer == null) {
					LOOKUP_PATH.remove();
				}
				else {
					LOOKUP_PATH.set(outer);
				}
			}
		}

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			String path = LOOKUP_PATH.get();
			if (path != null && !couldMatch(prefixes(info), path)) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

		private String[] prefixes(RequestMappingInfo info) {
			// a plain read first: computeIfAbsent locks the key's bin of the table when
			// the key is not its first, and all request threads read this map for each
			// mapping of each lookup
			String[] known = this.prefixes.get(info);
			return (known != null) ? known : this.prefixes.computeIfAbsent(info, HandlerLookup::literalPrefixes);
		}

	}

}
