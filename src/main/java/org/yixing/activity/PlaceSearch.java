package org.yixing.activity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.web.LongWaits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editor's place search through a geocoding provider, when one is configured with a
 * key ({@code YIXING_GEOCODER=amap}, {@code YIXING_GEOCODER_KEY}): 高德's keyword search
 * ({@code /v3/place/text}), whose positions are GCJ-02. A provider that fails or is slow
 * (3 s) answers nothing, and the search keeps the organization's earlier places.
 */
@Component
class PlaceSearch {

	private static final Logger log = LoggerFactory.getLogger(PlaceSearch.class);

	private final Settings settings;

	private final JsonMapper json;

	/**
	 * Made at the first search: most servers configure no geocoder, and start sooner
	 * without it.
	 */
	private final SingletonSupplier<HttpClient> http;

	private final LongWaits waits;

	PlaceSearch(Settings settings, JsonMapper json, LongWaits waits) {
		this.settings = settings;
		this.waits = waits;
		this.json = json;
		this.http = SingletonSupplier.of(() -> HttpClient.newBuilder().connectTimeout(settings.timeout()).build());
	}

	boolean configured() {
		return "amap".equals(this.settings.provider()) && !this.settings.key().isBlank();
	}

	/** At most {@code limit} places matching the words, positions in GCJ-02. */
	List<Found> search(String words, int limit) {
		if (!configured() || words.isBlank()) {
			return List.of();
		}
		URI uri = URI.create(this.settings.endpoint().replaceAll("/+$", "") + "/v3/place/text?keywords="
				+ URLEncoder.encode(words, StandardCharsets.UTF_8) + "&offset=" + limit + "&page=1&extensions=base&key="
				+ URLEncoder.encode(this.settings.key(), StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = this.waits.send(this.http.obtain(),
					HttpRequest.newBuilder(uri).timeout(this.settings.timeout()).GET().build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			JsonNode body = this.json.readTree(response.body());
			if (response.statusCode() != 200 || !"1".equals(body.path("status").asString(""))) {
				log.warn("Place search refused: {} {}", response.statusCode(), body.path("info").asString(""));
				return List.of();
			}
			List<Found> found = new ArrayList<>();
			for (JsonNode poi : body.path("pois")) {
				String[] lngLat = poi.path("location").asString("").split(",");
				if (lngLat.length == 2 && found.size() < limit) {
					try {
						found.add(new Found(poi.path("name").asString(""), poi.path("address").asString(""),
								new GeoPoint(Double.parseDouble(lngLat[1]), Double.parseDouble(lngLat[0]))));
					}
					catch (IllegalArgumentException notAPosition) {
						// skipped: the provider's list goes on
					}
				}
			}
			return found;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Place search unavailable: {}", ex.getMessage());
			return List.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
	}

	/**
	 * @param gcj02 where it is, in GCJ-02 as the provider gives it
	 */
	record Found(String name, String address, GeoPoint gcj02) {
	}

	/**
	 * @param provider {@code amap}, or empty for none
	 * @param key the provider's web-service key
	 * @param endpoint the provider's address
	 * @param timeout how long a search may take
	 */
	@ConfigurationProperties("yixing.geocoder")
	record Settings(@DefaultValue("") String provider, @DefaultValue("") String key,
			@DefaultValue("https://restapi.amap.com") String endpoint, @DefaultValue("3s") Duration timeout) {
	}

}
