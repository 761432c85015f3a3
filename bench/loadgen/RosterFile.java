// A roster of <n> made-up people with valid resident ID numbers (GB 11643: region 420111,
// a birth date in 1980-2005, the check character), different for each <seed>:
// "姓名,身份证号" and one line per person, to standard output. Nobody real: the sequence
// numbers make the numbers, not anyone's data.
//
//   java bench/loadgen/RosterFile.java <n> <seed>
public class RosterFile {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final String CHECK = "10X98765432";

	public static void main(String[] args) {
		int n = Integer.parseInt(args[0]);
		long seed = Long.parseLong(args[1]);
		StringBuilder out = new StringBuilder("姓名,身份证号\n");
		for (int i = 0; i < n; i++) {
			long k = seed * 1_000_000L + i;
			// a birth date and sequence number unique per (seed, i) for up to 9,000 seeds
			int day = (int) (k % 9000);
			int sequence = (int) ((k / 9000) % 1000);
			java.time.LocalDate born = java.time.LocalDate.of(1980, 1, 1).plusDays(day);
			String body = "420111" + born.toString().replace("-", "") + String.format("%03d", sequence);
			int sum = 0;
			for (int d = 0; d < 17; d++) {
				sum += (body.charAt(d) - '0') * WEIGHTS[d];
			}
			out.append("名册志愿者").append(i).append(',').append(body).append(CHECK.charAt(sum % 11)).append('\n');
		}
		System.out.print(out);
	}

}
