package org.yixing.shared.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yixing.shared.ErrorCode;
import org.yixing.shared.Problems;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * PostgreSQL text cannot hold the NUL character, and no name, reason or code has one: a
 * NUL anywhere in a request's text is refused as malformed at the door (400), rather than
 * failing deep inside as a database error (500).
 */
@Configuration(proxyBeanMethods = false)
class NulCharacters {

	static boolean contains(String value) {
		return value.indexOf('\u0000') >= 0;
	}

	/** Every string in a JSON body. */
	@Bean
	JacksonModule noNulInJsonStrings() {
		SimpleModule module = new SimpleModule("yixing-no-nul");
		module.addDeserializer(String.class, new StringDeserializer() {

			@Override
			public String deserialize(JsonParser parser, DeserializationContext context) {
				String value = super.deserialize(parser, context);
				if (value != null && contains(value)) {
					throw InvalidFormatException.from(parser, "NUL character in a string", value, String.class);
				}
				return value;
			}

		});
		return module;
	}

	/** Query strings and form posts, pages and API alike. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 5)
	OncePerRequestFilter noNulInParameters(Problems problems) {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (hasNul(request)) {
					if (ContainerErrors.isApi(request.getRequestURI())) {
						problems.write(request, response, ErrorCode.MALFORMED_REQUEST);
					}
					else {
						response.sendError(HttpServletResponse.SC_BAD_REQUEST);
					}
					return;
				}
				chain.doFilter(request, response);
			}

		};
	}

	private static boolean hasNul(HttpServletRequest request) {
		String query = request.getQueryString();
		try {
			if (query != null && contains(URLDecoder.decode(query, StandardCharsets.UTF_8))) {
				return true;
			}
		}
		catch (IllegalArgumentException malformed) {
			return true;
		}
		String type = request.getContentType();
		if (type != null && type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
			return request.getParameterMap()
				.values()
				.stream()
				.flatMap(java.util.Arrays::stream)
				.anyMatch(NulCharacters::contains);
		}
		return false;
	}

}
