package org.yixing.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;

/**
 * The region data set ({@code regions/gb2260.csv}, see its SOURCE.md), held in memory: it
 * is small, read-only and read on every registration and search.
 */
@Service
public class Regions {

	private final Map<String, Region> byCode;

	private final Map<String, List<Region>> children;

	public Regions() {
		this.byCode = load();
		Map<String, List<Region>> children = new LinkedHashMap<>();
		for (Region region : this.byCode.values()) {
			children.computeIfAbsent(String.valueOf(region.parentCode()), (key) -> new ArrayList<>()).add(region);
		}
		children.replaceAll((key, list) -> List.copyOf(list));
		this.children = Collections.unmodifiableMap(children);
	}

	public Optional<Region> find(String code) {
		return Optional.ofNullable(this.byCode.get(code));
	}

	public boolean exists(String code) {
		return this.byCode.containsKey(code);
	}

	public List<Region> provinces() {
		return this.children.getOrDefault("null", List.of());
	}

	public List<Region> childrenOf(String code) {
		return this.children.getOrDefault(code, List.of());
	}

	/** A picker showing {@code code} (any level) and its parents as chosen. */
	public RegionPicker picker(@Nullable String code) {
		Region region = (code != null) ? this.byCode.get(code.trim()) : null;
		String district = "";
		String city = "";
		String province = "";
		for (Region at = region; at != null; at = (at.parentCode() != null) ? this.byCode.get(at.parentCode()) : null) {
			switch (at.level()) {
				case DISTRICT -> district = at.code();
				case CITY -> city = at.code();
				case PROVINCE -> province = at.code();
			}
		}
		return new RegionPicker(provinces(), province.isEmpty() ? List.of() : childrenOf(province),
				city.isEmpty() ? List.of() : childrenOf(city), province, city, district);
	}

	/**
	 * A picker from the three selects' values: the deepest one that belongs to the ones
	 * above it wins, so changing the province clears the city and district.
	 */
	public RegionPicker picker(@Nullable String province, @Nullable String city, @Nullable String district) {
		String chosen = null;
		if (province != null && exists(province)) {
			chosen = province;
			if (city != null && exists(city) && province.equals(this.byCode.get(city).parentCode())) {
				chosen = city;
				if (district != null && exists(district) && city.equals(this.byCode.get(district).parentCode())) {
					chosen = district;
				}
			}
		}
		return picker(chosen);
	}

	private static Map<String, Region> load() {
		Map<String, Region> regions = new LinkedHashMap<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new ClassPathResource("regions/gb2260.csv").getInputStream(), StandardCharsets.UTF_8))) {
			reader.readLine();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String[] fields = line.split(",", -1);
				regions.put(fields[0], new Region(fields[0], fields[1], fields[2].isEmpty() ? null : fields[2]));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("regions/gb2260.csv is missing from the classpath", ex);
		}
		return Collections.unmodifiableMap(regions);
	}

}
