package org.yixing.organization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yixing.region.Region;
import org.yixing.region.Regions;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a unit test: measures organization search over 10,000 organizations on the embedded
 * PostgreSQL, through HTTP and, as the baseline on the same machine, the same SQL alone.
 * Run with {@code bash bench/org-search.sh}; results go to
 * {@code target/bench/org-search.txt}.
 */
@ApiTest
@Tag("benchmark")
class OrganizationSearchBenchmark {

	static final int ORGANIZATIONS = 10_000;

	static final int WARMUP = 100;

	static final int RUNS = 500;

	static final String[] CITIES = { "武汉", "华中", "中南", "湖北", "江汉", "长江", "北京", "上海", "广州", "深圳", "南京", "成都" };

	static final String[] KINDS = { "大学", "师范大学", "理工大学", "职业技术学院", "财经学院", "医学院" };

	static final String[] UNITS = { "会计学院", "金融学院", "法学院", "计算机学院", "外国语学院", "新闻学院", "体育学院", "艺术学院", "文学院", "管理学院" };

	static final String[] GROUPS = { "志愿者协会", "青年志愿者协会", "志愿服务队", "支教队", "环保社" };

	@Autowired
	Api api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate template;

	@Autowired
	Regions regions;

	@Test
	void searchOverTenThousandOrganizations() throws IOException {
		seed();
		List<String> lines = new ArrayList<>();
		lines.add("organizations: " + this.jdbc.sql("SELECT count(*) FROM organizations").query(Long.class).single()
				+ " (listed: "
				+ this.jdbc.sql("SELECT count(*) FROM organizations WHERE visibility = 'LISTED'")
					.query(Long.class)
					.single()
				+ ")");
		lines.add("query | HTTP p50 ms | HTTP p95 ms | HTTP max ms | SQL-only p50 ms | SQL-only p95 ms | hits");
		lines.add(measure("keyword 会计", "q=会计", null, "会计"));
		lines.add(measure("city 420100", "regionCode=420100", "4201", null));
		lines.add(measure("city 420100 + keyword 志愿", "regionCode=420100&q=志愿", "4201", "志愿"));
		lines.add(measure("province 420000 + keyword 计算机", "regionCode=420000&q=计算机", "42", "计算机"));
		lines.add(measure("no filter, page 5", "page=5", null, null));
		lines.add(measure("keyword without hits", "q=不存在的名字", null, "不存在的名字"));
		Path out = Path.of("target/bench/org-search.txt");
		Files.createDirectories(out.getParent());
		Files.write(out, lines);
		lines.forEach(System.out::println);
	}

	private String measure(String label, String query, String prefix, String keyword) {
		long[] http = new long[RUNS];
		long[] sql = new long[RUNS];
		int hits = 0;
		for (int i = 0; i < WARMUP + RUNS; i++) {
			long start = System.nanoTime();
			Api.Response response = this.api.get("/organizations?" + query);
			long httpNanos = System.nanoTime() - start;
			assertThat(response.status()).isEqualTo(200);
			hits = response.body().path("total").asInt();
			start = System.nanoTime();
			sqlOnly(prefix, keyword);
			long sqlNanos = System.nanoTime() - start;
			if (i >= WARMUP) {
				http[i - WARMUP] = httpNanos;
				sql[i - WARMUP] = sqlNanos;
			}
		}
		Arrays.sort(http);
		Arrays.sort(sql);
		return "%s | %.2f | %.2f | %.2f | %.2f | %.2f | %d".formatted(label, ms(http, 0.50), ms(http, 0.95),
				http[RUNS - 1] / 1e6, ms(sql, 0.50), ms(sql, 0.95), hits);
	}

	/** The same statement the repository runs, straight through JDBC. */
	private void sqlOnly(String prefix, String keyword) {
		String like = (keyword != null) ? "%" + keyword + "%" : null;
		this.jdbc.sql("""
				SELECT o.id, o.parent_id, o.name, o.region_code, count(*) OVER () AS total FROM organizations o
				WHERE o.visibility = 'LISTED' AND o.archived_at IS NULL
				  AND (CAST(:prefix AS text) IS NULL OR o.region_code LIKE :prefix || '%')
				  AND (CAST(:like AS text) IS NULL OR lower(o.name) LIKE :like)
				ORDER BY CASE WHEN CAST(:keyword AS text) IS NULL THEN 0 WHEN lower(o.name) = :keyword THEN 0
				  WHEN starts_with(lower(o.name), :keyword) THEN 1 ELSE 2 END, o.name, o.id
				LIMIT 20 OFFSET 0""")
			.param("prefix", prefix)
			.param("like", like)
			.param("keyword", keyword)
			.query()
			.listOfRows();
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e6;
	}

	/**
	 * 500 universities and 9,500 associations below them, across the country; 10 %
	 * hidden.
	 */
	private void seed() {
		Random random = new Random(42);
		List<Region> districts = new ArrayList<>();
		for (Region province : this.regions.provinces()) {
			for (Region city : this.regions.childrenOf(province.code())) {
				districts.addAll(this.regions.childrenOf(city.code()));
			}
		}
		List<Region> hubei = districts.stream().filter((d) -> d.code().startsWith("42")).toList();
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> organizations = new ArrayList<>();
		List<Object[]> tree = new ArrayList<>();
		List<UUID> universities = new ArrayList<>();
		List<String> universityRegions = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			UUID id = UUID.randomUUID();
			List<Region> pool = (i % 3 == 0) ? hubei : districts;
			String region = pool.get(random.nextInt(pool.size())).code();
			String name = CITIES[random.nextInt(CITIES.length)] + KINDS[random.nextInt(KINDS.length)] + "（" + i + "）";
			organizations.add(new Object[] { id, null, name, region, "LISTED", now, now });
			tree.add(new Object[] { id, id, 0 });
			universities.add(id);
			universityRegions.add(region);
		}
		for (int i = 0; i < ORGANIZATIONS - 500; i++) {
			int u = random.nextInt(universities.size());
			UUID id = UUID.randomUUID();
			String name = UNITS[random.nextInt(UNITS.length)] + GROUPS[random.nextInt(GROUPS.length)] + "-" + i;
			organizations.add(new Object[] { id, universities.get(u), name, universityRegions.get(u),
					(random.nextInt(10) == 0) ? "HIDDEN" : "LISTED", now, now });
			tree.add(new Object[] { id, id, 0 });
			tree.add(new Object[] { universities.get(u), id, 1 });
		}
		this.template.batchUpdate("""
				INSERT INTO organizations (id, parent_id, name, region_code, visibility, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""", organizations);
		this.template.batchUpdate("INSERT INTO organization_tree (ancestor_id, descendant_id, depth) VALUES (?, ?, ?)",
				tree);
		this.jdbc.sql("ANALYZE organizations").update();
		this.jdbc.sql("ANALYZE organization_tree").update();
	}

}
