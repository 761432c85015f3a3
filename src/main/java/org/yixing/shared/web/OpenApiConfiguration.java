package org.yixing.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI yixingOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Yixing (益行) API")
				.version("v1")
				.description("Volunteer-service platform. Errors are RFC 9457 application/problem+json with a stable "
						+ "`code` (see RULES.md) and a `detail` in the Accept-Language locale (zh-CN default, en). "
						+ "Authenticated calls send `Authorization: Bearer <token>` from POST /api/v1/auth/token.")
				.license(new License().name("MIT").identifier("MIT")))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("Opaque token")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
