package org.yixing.test;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import org.yixing.identity.IdNumber;

/** Valid, random resident ID numbers and phones for tests. */
public final class IdNumbers {

	private IdNumbers() {
	}

	public static String random() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(365 * 45));
		String first17 = "4201%02d%s%03d".formatted(random.nextInt(1, 20), birth.toString().replace("-", ""),
				random.nextInt(1000));
		return first17 + IdNumber.checkCharacter(first17);
	}

	public static String randomPhone() {
		return "1" + ThreadLocalRandom.current().nextInt(3, 10)
				+ "%09d".formatted(ThreadLocalRandom.current().nextInt(1_000_000_000));
	}

}
