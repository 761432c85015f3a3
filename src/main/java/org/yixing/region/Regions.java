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
