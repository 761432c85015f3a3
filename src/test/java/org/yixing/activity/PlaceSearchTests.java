package org.yixing.activity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yixing.shared.geo.GeoPoint;
import org.yixing.shared.web.LongWaits;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The editor's place search through 高德's keyword search, against a local fake of it. */
class PlaceSearchTests {

	HttpServer server;

	final AtomicReference<String> query = new AtomicReference<>();

	final AtomicReference<String> answer = new AtomicReference<>();

	@BeforeEach
	void startFakeProvider() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v3/place/text", (exchange) -> {
			this.query.set(exchange.getRequestURI().getRawQuery());
			byte[] body = this.answer.get().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void findsPlacesByKeywordWithTheirGcj02PositionsAndSendsTheKey() {
		this.answer.set("""
				{"status":"1","info":"OK","pois":[
				 {"name":"中南财经政法大学图书馆","address":"南湖大道182号","location":"114.362931,30.476178"},
				 {"name":"没有位置","address":"","location":""},
				 {"name":"武汉图书馆","address":"建设大道861号","location":"114.268,30.593"}]}""");
		PlaceSearch search = search("k3y");
		assertThat(search.search("图书馆", 5)).containsExactly(
				new PlaceSearch.Found("中南财经政法大学图书馆", "南湖大道182号", new GeoPoint(30.476178, 114.362931)),
				new PlaceSearch.Found("武汉图书馆", "建设大道861号", new GeoPoint(30.593, 114.268)));
		assertThat(this.query.get()).contains("keywords=%E5%9B%BE%E4%B9%A6%E9%A6%86").contains("key=k3y");
	}

	@Test
	void aRefusalOrAnUnreachableProviderFindsNothingInsteadOfFailingTheEditor() {
		this.answer.set("{\"status\":\"0\",\"info\":\"INVALID_USER_KEY\"}");
		assertThat(search("wrong").search("图书馆", 5)).isEmpty();
		this.server.stop(0);
		assertThat(search("k3y").search("图书馆", 5)).isEmpty();
	}

	@Test
	void withoutAKeyNoProviderIsAsked() {
		this.answer.set("{\"status\":\"1\",\"pois\":[]}");
		PlaceSearch none = new PlaceSearch(new PlaceSearch.Settings("amap", "", endpoint(), Duration.ofSeconds(1)),
				JsonMapper.builder().build(), new LongWaits());
		assertThat(none.configured()).isFalse();
		assertThat(none.search("图书馆", 5)).isEmpty();
		assertThat(this.query.get()).isNull();
	}

	private PlaceSearch search(String key) {
		return new PlaceSearch(new PlaceSearch.Settings("amap", key, endpoint(), Duration.ofSeconds(2)),
				JsonMapper.builder().build(), new LongWaits());
	}

	private String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/";
	}

}
