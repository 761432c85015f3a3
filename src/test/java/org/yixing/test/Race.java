package org.yixing.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/** Fires requests that all wait for one starting signal, so that they truly race. */
public final class Race {

	private Race() {
	}

	/**
	 * Runs {@code count} requests at once (request {@code i} from {@code requests});
	 * answers in order.
	 */
	public static List<Api.Response> of(int count, IntFunction<Api.Response> requests) {
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Api.Response>> futures = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < count; i++) {
				int index = i;
				futures.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return requests.apply(index);
				}, pool));
			}
			start.countDown();
			return futures.stream().map(CompletableFuture::join).toList();
		}
	}

}
