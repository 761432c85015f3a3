package org.yixing.shared.web;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
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
 * <p>
 * A path whose variables are ids is found more directly still: its segments that are
 * UUIDs become {@code {}}, and Spring looks that template up among the templates of the
 * patterns, as it looks up a path without variables among the literal patterns. The
 * check-out's path is then one map lookup, where the prefix check still touched every
 * mapping (8–10 % of a check-out's CPU in the rush's profile).
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

	/** What stands for a path segment that is an id, in {@link #idTemplate}. */
	static final String ID = "{}";

	/**
	 * The templates of a mapping's patterns whose variables each take a whole segment
	 * ({@code /api/v1/check-ins/{sessionId}/check-out} is
	 * {@code /api/v1/check-ins/{}/check-out}); none for a pattern with wildcards or with
	 * a variable inside a segment, nor for one without variables.
	 */
	static Set<String> templatesOf(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null) {
			return Set.of();
		}
		Set<String> templates = new LinkedHashSet<>();
		for (PathPattern pattern : condition.getPatterns()) {
			String template = template(pattern.getPatternString());
			if (template != null) {
				templates.add(template);
			}
		}
		return templates;
	}

	private static @Nullable String template(String pattern) {
		String[] segments = pattern.split("/", -1);
		boolean variables = false;
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			if (segment.startsWith("{") && segment.endsWith("}") && segment.indexOf('{', 1) < 0
					&& !segment.startsWith("{*")) {
				segments[i] = ID;
				variables = true;
			}
			else if (segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0) {
				return null;
			}
		}
		return variables ? String.join("/", segments) : null;
	}

	/**
	 * The path with every segment that is a UUID (the application's ids) replaced by
	 * {@link #ID}; the path itself when it has none. A pattern that matches the path and
	 * has a variable for each of those segments and literals elsewhere has this template,
	 * and no pattern matching the path is more specific: none can have a literal where
	 * the path has an id.
	 */
	static String idTemplate(String path) {
		if (path.length() < 37) {
			return path;
		}
		String[] segments = path.split("/", -1);
		boolean ids = false;
		for (int i = 0; i < segments.length; i++) {
			if (isUuid(segments[i])) {
				segments[i] = ID;
				ids = true;
			}
		}
		return ids ? String.join("/", segments) : path;
	}

	private static boolean isUuid(String segment) {
		if (segment.length() != 36) {
			return false;
		}
		for (int i = 0; i < 36; i++) {
			char c = segment.charAt(i);
			boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
			if ((i == 8 || i == 13 || i == 18 || i == 23) ? c != '-' : !hex) {
				return false;
			}
		}
		return true;
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

		/**
		 * A pattern's {@link #template} is one of its direct paths too, so that Spring
		 * finds the mappings for a path with ids the way it finds those for a path
		 * without variables: by one map lookup of the path's own template.
		 */
		@Override
		protected Set<String> getDirectPaths(RequestMappingInfo info) {
			Set<String> direct = super.getDirectPaths(info);
			Set<String> templates = templatesOf(info);
			if (templates.isEmpty()) {
				return direct;
			}
			Set<String> all = new LinkedHashSet<>(direct);
			all.addAll(templates);
			return all;
		}

		@Override
		protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
			return lookup(lookupPath, idTemplate(lookupPath), request);
		}

		/**
		 * Looks the path up as Spring does, with {@code directPath} as the key of its
		 * direct lookup: the path itself, or its {@link #idTemplate}. Spring tests every
		 * mapping found under that key against the request, and every mapping of the
		 * application when none of them matches.
		 */
		@Nullable HandlerMethod lookup(String lookupPath, String directPath, HttpServletRequest request) throws Exception {
			if (lookupPath.indexOf('%') >= 0) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			String outer = LOOKUP_PATH.get();
			LOOKUP_PATH.set(lookupPath);
			try {
				HandlerMethod found = super.lookupHandlerMethod(directPath, request);
				if (found != null && !directPath.equals(lookupPath)) {
					// the one place Spring's lookup keeps the key it was given
					request.setAttribute(PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, lookupPath);
				}
				return found;
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
