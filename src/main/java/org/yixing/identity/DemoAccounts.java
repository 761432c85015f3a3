package org.yixing.identity;

import java.util.List;

/**
 * The demo accounts of {@code YIXING_DEMO_DATA=true}, listed in the README; other
 * modules' demo data refers to them.
 */
public final class DemoAccounts {

	public static final String PASSWORD = "Yixing2026";

	public static final DemoAccount STAFF = new DemoAccount("平台管理员", "42010219800101001X", "13800000000", "420102",
			true);

	public static final DemoAccount ZHANG_SAN = new DemoAccount("张三", "420111200103150028", "13800000001", "420111",
			false);

	public static final DemoAccount LI_SI = new DemoAccount("李四", "420106200207080035", "13800000002", "420106", false);

	public static final DemoAccount WANG_WU = new DemoAccount("王五", "420111200309120043", "13800000003", "420111",
			false);

	public static final List<DemoAccount> ALL = List.of(STAFF, ZHANG_SAN, LI_SI, WANG_WU);

	private DemoAccounts() {
	}

	public record DemoAccount(String name, String idNumber, String phone, String regionCode, boolean staff) {
	}

}
