package org.yixing.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The free space of the data folder's disk, where the embedded database, uploads and the
 * PII key live. When it is full PostgreSQL refuses every write, and each refused request
 * is answered 503 (docs/OPERATIONS.md). Below {@code yixing.data-disk.warn-below} (1 GB)
 * the health endpoint reports {@code WARNING}, below a sixteenth of it {@code DOWN};
 * readiness is not touched, since a full disk still serves reads. Crossing the line is
 * logged once, checked every minute. (Spring Boot's own disk check, which looks at the
 * working folder, is off.)
 */
@Component("dataDiskHealthIndicator")
class DataDiskHealth implements HealthIndicator, MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(DataDiskHealth.class);

	private final Path folder;

	private final long warnBelow;

	private final AtomicBoolean low = new AtomicBoolean();

	@Autowired
	DataDiskHealth(PlatformSettings settings, @Value("${yixing.data-disk.warn-below:1GB}") DataSize warnBelow) {
		this(settings.dataDir(), warnBelow.toBytes());
	}

	DataDiskHealth(Path folder, long warnBelow) {
		this.folder = folder.toAbsolutePath().normalize();
		this.warnBelow = warnBelow;
	}

	@Override
	public Health health() {
		long free = free();
		return Health.status(status(free))
			.withDetail("path", this.folder.toString())
			.withDetail("free", free)
			.withDetail("warnBelow", this.warnBelow)
			.build();
	}

	/**
	 * The free space and the line as gauges ({@code yixing_data_disk_free_bytes}, e.g.
	 * for a trend), and the verdict as {@code yixing_warning{check="data_disk"}}: cause
	 * {@code LOW} below the line, {@code NEARLY_FULL} below a sixteenth of it.
	 */
	@Override
	public void bindTo(MeterRegistry meters) {
		Gauge.builder("yixing.data.disk.free", this, DataDiskHealth::free)
			.baseUnit("bytes")
			.description("Free space on the data folder's disk, for the account running Yixing")
			.register(meters);
		Gauge.builder("yixing.data.disk.warn.below", this, (disk) -> disk.warnBelow)
			.baseUnit("bytes")
			.description("Below this much free space the health endpoint warns (yixing.data-disk.warn-below)")
			.register(meters);
		WarningStatus.gauge(meters, "data_disk", "LOW", () -> status(free()) != Status.UP);
		WarningStatus.gauge(meters, "data_disk", "NEARLY_FULL", () -> status(free()) == Status.DOWN);
	}

	/** UP with room, WARNING below the line, DOWN below a sixteenth of it. */
	private Status status(long free) {
		return (free >= this.warnBelow) ? Status.UP
				: (free >= this.warnBelow / 16) ? WarningStatus.WARNING : Status.DOWN;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
	void check() {
		long free = free();
		boolean below = free < this.warnBelow;
		if (this.low.compareAndSet(!below, below)) {
			if (below) {
				log.warn(
						"The data folder's disk ({}) has {} MB free, less than {} MB: when it is full, every write "
								+ "is refused (yixing.data-disk.warn-below)",
						this.folder, free >> 20, this.warnBelow >> 20);
			}
			else {
				log.info("The data folder's disk ({}) has {} MB free again", this.folder, free >> 20);
			}
		}
	}

	/** Free space for this process, 0 when the folder cannot be read. */
	long free() {
		try {
			return Files.getFileStore(Files.exists(this.folder) ? this.folder : this.folder.getParent())
				.getUsableSpace();
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
