// Prints the password hash Yixing stores for a password (Argon2id with Spring Security's
// defaults, identity/SecurityConfiguration), for benchmarks that seed accounts with a
// known password. Run with the application's libraries on the class path:
//   java -cp "<extracted jar>/lib/*" bench/loadgen/PasswordHash.java <password>

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

public class PasswordHash {

	public static void main(String[] args) {
		System.out.println(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(args[0]));
	}

}
