package bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A bare Spring Boot web application: the start-up baseline of bench/startup.sh. */
@SpringBootApplication
@RestController
public class BareApplication {

	public static void main(String[] args) {
		SpringApplication.run(BareApplication.class, args);
	}

	@GetMapping("/")
	String hello() {
		return "hello";
	}

}
