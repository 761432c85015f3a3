package org.yixing.shared.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
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
