package org.yixing.attendance;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AttendanceConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InsuranceCoverage noInsuranceYet() {
		return (account, date) -> false;
	}

}
