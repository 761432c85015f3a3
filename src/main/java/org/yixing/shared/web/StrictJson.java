package org.yixing.shared.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * A JSON boolean is {@code true} or {@code false}: Jackson would otherwise read any
 * number as one ({@code -1} as {@code true}), so that a client's mistake would quietly
 * change a setting instead of being answered with 400. And bodies are JSON, read and
 * written by this mapper alone (docs/API.md).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

	@Bean
	JsonMapperBuilderCustomizer booleansAreBooleans() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Boolean,
				(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
	}

	/**
	 * No YAML or XML: Spring MVC adds a converter for every format a library on the class
	 * path can handle, so the API read and wrote YAML through Jackson 2 (which
	 * swagger-core brings), past this mapper and its settings, and asked those converters
	 * about every response (~1 % of the check-in rush's request threads). A YAML or XML
	 * body is now 415 {@code UNSUPPORTED_MEDIA_TYPE}.
	 */
	@Bean
	WebMvcConfigurer jsonNotYamlOrXml() {
		return new WebMvcConfigurer() {

			@Override
			public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
				builder.configureMessageConvertersList((converters) -> converters.removeIf(StrictJson::yamlOrXml));
			}

		};
	}

	private static boolean yamlOrXml(HttpMessageConverter<?> converter) {
		return converter.getSupportedMediaTypes()
			.stream()
			.anyMatch((type) -> type.getSubtype().endsWith("yaml") || type.getSubtype().endsWith("xml"));
	}

}
