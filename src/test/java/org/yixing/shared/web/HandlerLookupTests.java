package org.yixing.shared.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler lookup skips only mappings that cannot match: every path that one of a
 * mapping's patterns matches passes its literal-prefix check.
 */
@ApiTest
class HandlerLookupTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void theApplicationLooksUpHandlersByLiteralPrefix() {
		assertThat(this.mapping).isInstanceOf(HandlerLookup.PrefixCheckingMapping.class);
		RequestMappingInfo checkOut = this.mapping.getHandlerMethods()
			.keySet()
			.stream()
			.filter((info) -> info.getPatternValues().contains("/api/v1/check-ins/{sessionId}/check-out"))
			.findFirst()
			.orElseThrow();
		assertThat(HandlerLookup.literalPrefixes(checkOut)).containsExactly("/api/v1/check-ins");
		assertThat(HandlerLookup.couldMatch(HandlerLookup.literalPrefixes(checkOut), "/api/v1/activities/x")).isFalse();
	}

	@Test
	void everyPathAPatternOfTheApplicationMatchesPassesItsPrefixCheck() {
		List<RequestMappingInfo> infos = new ArrayList<>(this.mapping.getHandlerMethods().keySet());
		List<String> paths = new ArrayList<>();
		for (RequestMappingInfo info : infos) {
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				paths.addAll(examplesOf(pattern.getPatternString()));
			}
		}
		assertThat(infos).hasSizeGreaterThan(100);
		int matched = 0;
		for (RequestMappingInfo info : infos) {
			String[] prefixes = HandlerLookup.literalPrefixes(info);
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				for (String path : paths) {
					if (pattern.matches(PathContainer.parsePath(path))) {
						matched++;
						assertThat(HandlerLookup.couldMatch(prefixes, path)).as("%s for %s", path, pattern).isTrue();
					}
				}
			}
		}
		assertThat(matched).isGreaterThan(infos.size());
	}

	@Test
	void wildcardsAndCapturesThatMatchTheBarePrefixAreKept() {
		for (String pattern : List.of("/x/**", "/x/{*rest}", "/x/{id}/y", "/x*", "/{id}", "/x/a?c", "/x/y", "/")) {
			PathPattern parsed = new org.springframework.web.util.pattern.PathPatternParser().parse(pattern);
			String[] prefixes = HandlerLookup
				.literalPrefixes(RequestMappingInfo.paths(pattern).options(config()).build());
			for (String path : List.of("/", "/x", "/x/", "/xa", "/x/y", "/x/abc", "/x/1/y", "/x/a/b/c", "/y")) {
				if (parsed.matches(PathContainer.parsePath(path))) {
					assertThat(HandlerLookup.couldMatch(prefixes, path)).as("%s for %s", path, pattern).isTrue();
				}
			}
		}
		String[] checkOut = HandlerLookup
			.literalPrefixes(RequestMappingInfo.paths("/api/v1/check-ins/{id}/check-out").options(config()).build());
		assertThat(HandlerLookup.couldMatch(checkOut, "/api/v1/me")).isFalse();
	}

	@Test
	void pathSegmentsThatAreIdsMakeThePathsTemplate() {
		String id = "0193c1b2-7f3a-7c1d-9e2f-4a5b6c7d8e9f";
		assertThat(HandlerLookup.idTemplate("/api/v1/check-ins/" + id + "/check-out"))
			.isEqualTo("/api/v1/check-ins/{}/check-out");
		assertThat(HandlerLookup.idTemplate("/api/v1/organizations/" + id.toUpperCase() + "/members/" + id))
			.isEqualTo("/api/v1/organizations/{}/members/{}");
		assertThat(HandlerLookup.idTemplate("/api/v1/check-ins/" + id.substring(1) + "x/check-out"))
			.isEqualTo("/api/v1/check-ins/" + id.substring(1) + "x/check-out");
		assertThat(HandlerLookup.idTemplate("/api/v1/me/sessions")).isEqualTo("/api/v1/me/sessions");
		for (String pattern : List.of("/x/{id}/y", "/x/{id:[0-9a-f-]+}/y")) {
			assertThat(HandlerLookup.templatesOf(RequestMappingInfo.paths(pattern).options(config()).build()))
				.containsExactly("/x/{}/y");
		}
		for (String pattern : List.of("/x/{*rest}", "/x/**", "/x/{id}.pdf", "/x/y", "/x/{a}-{b}")) {
			assertThat(HandlerLookup.templatesOf(RequestMappingInfo.paths(pattern).options(config()).build()))
				.as(pattern)
				.isEmpty();
		}
	}

	/**
	 * For every pattern of the application with ids in it, and every HTTP method, the
	 * lookup by the path's template finds what Spring's own lookup finds (the same method
	 * and path variables, or the same refusal).
	 */
	@Test
	void theLookupByTemplateFindsWhatSpringFinds() throws Exception {
		HandlerLookup.PrefixCheckingMapping lookup = (HandlerLookup.PrefixCheckingMapping) this.mapping;
		int compared = 0;
		for (RequestMappingInfo info : this.mapping.getHandlerMethods().keySet()) {
			for (String template : HandlerLookup.templatesOf(info)) {
				String path = template.replace(HandlerLookup.ID, "0193c1b2-7f3a-7c1d-9e2f-4a5b6c7d8e9f");
				assertThat(HandlerLookup.idTemplate(path)).isEqualTo(template);
				for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
					assertThat(outcome(lookup, path, template, method)).as("%s %s", method, path)
						.isEqualTo(outcome(lookup, path, path, method));
					compared++;
				}
			}
		}
		assertThat(compared).isGreaterThan(100);
	}

	private static String outcome(HandlerLookup.PrefixCheckingMapping lookup, String path, String directPath,
			String method) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setContentType("application/json");
		ServletRequestPathUtils.parseAndCache(request);
		try {
			HandlerMethod found = lookup.lookup(path, directPath, request);
			return (found != null)
					? found.getMethod() + " " + request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
							+ " " + request.getAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE) + " "
							+ request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
					: "none";
		}
		catch (Exception ex) {
			return ex.getClass().getName();
		}
	}

	private static RequestMappingInfo.BuilderConfiguration config() {
		RequestMappingInfo.BuilderConfiguration config = new RequestMappingInfo.BuilderConfiguration();
		config.setPatternParser(new org.springframework.web.util.pattern.PathPatternParser());
		return config;
	}

	/** Paths a pattern matches, and the beginnings of them. */
	private static List<String> examplesOf(String pattern) {
		String full = pattern.replaceAll("\\{\\*[^}]*}", "a/b")
			.replaceAll("\\{[^}]*}", "v1")
			.replace("**", "a/b")
			.replace("*", "a")
			.replace("?", "a");
		List<String> out = new ArrayList<>();
		out.add(full);
		for (int slash = full.indexOf('/', 1); slash > 0; slash = full.indexOf('/', slash + 1)) {
			out.add(full.substring(0, slash));
			out.add(full.substring(0, slash + 1));
		}
		return out;
	}

}
