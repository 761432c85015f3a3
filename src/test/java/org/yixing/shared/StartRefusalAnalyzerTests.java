package org.yixing.shared;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.yixing.shared.web.MapSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A start that Yixing refuses is reported as what is wrong and what to do, by the
 * analyzers Spring Boot loads for a failed start, in their order; not as the bean errors
 * around it.
 */
class StartRefusalAnalyzerTests {

	private final List<FailureAnalyzer> analyzers = analyzers();

	@Test
	void aRefusalInsideBeanErrorsIsReportedAsItsDescriptionAndAction() {
		StartRefused refused = new StartRefused(
				"YIXING_RESTORE_FROM is set, but the data folder /srv/yixing already holds a database",
				"Restore into an empty data folder (YIXING_DATA_DIR), or unset YIXING_RESTORE_FROM.");
		Throwable failure = new BeanCreationException("dataSource", "Failed to instantiate",
				new BeanCreationException("flyway", "Factory method 'flyway' threw exception", refused));

		FailureAnalysis analysis = analyse(failure);

		assertThat(analysis.getDescription())
			.isEqualTo("YIXING_RESTORE_FROM is set, but the data folder /srv/yixing already holds a database.");
		assertThat(analysis.getAction()).isEqualTo(refused.action());
		assertThat(analysis.getCause()).isSameAs(refused);
		assertThat(refused.getMessage()).as("logged elsewhere, it says both")
			.isEqualTo(analysis.getDescription() + " " + analysis.getAction());
	}

	@Test
	void aRefusalWhileBindingSettingsIsReportedAsTheRefusalNotAsAFailedBinding() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("yixing.map.tiles", "tianditu")));
		Throwable failure = catchThrowable(() -> binder.bind("yixing.map", Bindable.of(MapSettings.class)));
		assertThat(failure).as("which Spring Boot's BindFailureAnalyzer reports too").isInstanceOf(BindException.class);

		FailureAnalysis analysis = analyse(failure);

		assertThat(analysis.getDescription())
			.isEqualTo("YIXING_MAP_TILES=tianditu needs the 天地图 key in YIXING_MAP_KEY.");
		assertThat(analysis.getAction()).contains("Set YIXING_MAP_KEY");
	}

	@Test
	void otherFailuresAreLeftToSpringBoot() {
		Throwable failure = new BeanCreationException("dataSource", "Failed",
				new IllegalStateException("Connection refused"));
		assertThat(new StartRefusalAnalyzer().analyze(failure)).isNull();
	}

	/**
	 * As Spring Boot's {@code FailureAnalyzers} loads and sorts them, but read from the
	 * class path in reverse: which jar comes first does not decide the report.
	 */
	private static List<FailureAnalyzer> analyzers() {
		List<FailureAnalyzer> loaded = new ArrayList<>(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class,
					SpringFactoriesLoader.ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
						.and(Environment.class, new StandardEnvironment())));
		Collections.reverse(loaded);
		AnnotationAwareOrderComparator.sort(loaded);
		return loaded;
	}

	/** The first analysis, as Spring Boot takes it. */
	private FailureAnalysis analyse(Throwable failure) {
		return this.analyzers.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElseThrow();
	}

}
