package org.yixing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.yixing.shared.IdleFootprint;

/**
 * Yixing (益行): a self-hostable volunteer-service platform.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "shared")
public class YixingApplication {

	public static void main(String[] args) {
		IdleFootprint.apply();
		SpringApplication.run(YixingApplication.class, args);
	}

}
