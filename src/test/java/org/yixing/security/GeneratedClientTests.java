package org.yixing.security;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;
import org.yixing.test.Api;
import org.yixing.test.ApiTest;
import org.yixing.test.Staff;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a university's IT office does first (issue 29): generate clients from the live
 * OpenAPI document with openapi-generator 7.17.0 (the CLI from Maven Central, copied to
 * target/client-tools by the build) and use them. The Java client ({@code native}) must
 * compile and run a scenario against this server (src/test/resources/clients/java); the
 * TypeScript client ({@code typescript-fetch}) must compile with {@code tsc}, found on
 * the PATH or in target/client-tools/node_modules (.ci/run installs it), else that part
 * is skipped, saying so.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedClientTests {

	static final Path TOOLS = Path.of("target/client-tools");

	static final Path CLIENTS = Path.of("target/clients");

	@Autowired
	Api api;

	Path document;

	@BeforeAll
	void theLiveDocument() throws IOException {
		FileSystemUtils.deleteRecursively(CLIENTS);
		Files.createDirectories(CLIENTS);
		this.document = CLIENTS.resolve("openapi.json");
		Files.writeString(this.document, this.api.get("/v3/api-docs").text());
	}

	@Test
	void theGeneratedJavaClientCompilesAndRunsAVolunteersFirstDayAgainstTheServer() throws Exception {
		Path sources = CLIENTS.resolve("java");
		generate("java", sources, "--library", "native", "--additional-properties",
				"apiPackage=org.yixing.client.api,modelPackage=org.yixing.client.model,invokerPackage=org.yixing.client,"
						+ "hideGenerationTimestamp=true,useJakartaEe=true");
		Path scenario = CLIENTS.resolve("Scenario.java");
		try (InputStream in = getClass().getResourceAsStream("/clients/java/Scenario.java")) {
			Files.write(scenario, in.readAllBytes());
		}
		String classpath = libraries();
		Path classes = CLIENTS.resolve("java-classes");
		Files.createDirectories(classes);
		List<File> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(sources.resolve("src/main/java"))) {
			walk.filter((p) -> p.toString().endsWith(".java")).forEach((p) -> files.add(p.toFile()));
		}
		files.add(scenario.toFile());
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, null,
				StandardCharsets.UTF_8)) {
			boolean compiled = javac
				.getTask(null, fileManager, diagnostics,
						List.of("-nowarn", "-encoding", "UTF-8", "-cp", classpath, "-d", classes.toString()), null,
						fileManager.getJavaFileObjectsFromFiles(files))
				.call();
			assertThat(compiled)
				.as(diagnostics.getDiagnostics()
					.stream()
					.filter((d) -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
					.limit(20)
					.map(Object::toString)
					.toList()
					.toString())
				.isTrue();
		}
		String base = this.api.uri("/").toString().replaceAll("/$", "");
		Run run = run(List.of(java(), "-cp", classes + File.pathSeparator + classpath, "Scenario", base,
				Staff.ID_NUMBER, Staff.PASSWORD), 120);
		assertThat(run.exit()).as(run.output()).isZero();
		assertThat(run.output()).contains("SCENARIO PASSED");
	}

	@Test
	void theGeneratedTypeScriptClientCompiles() throws Exception {
		String tsc = tsc();
		Assumptions.assumeTrue(tsc != null,
				"tsc not found on the PATH nor in target/client-tools/node_modules: .ci/run installs TypeScript "
						+ "from npm; without it the TypeScript client is generated but not compiled");
		Path sources = CLIENTS.resolve("typescript");
		generate("typescript-fetch", sources, "--additional-properties", "supportsES6=true");
		Files.writeString(sources.resolve("tsconfig.json"), """
				{ "compilerOptions": { "target": "ES2020", "module": "ES2020", "moduleResolution": "node",
				    "lib": ["ES2020", "DOM"], "strict": true, "noEmit": true, "skipLibCheck": true },
				  "include": ["index.ts", "runtime.ts", "apis/**/*.ts", "models/**/*.ts"] }
				""");
		Run run = run(List.of(tsc, "-p", sources.toString()), 180);
		assertThat(run.exit()).as(run.output()).isZero();
	}

	private void generate(String generator, Path output, String... options) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(java(), "-jar", TOOLS.resolve("openapi-generator-cli.jar").toString(), "generate", "-i",
						this.document.toString(), "-g", generator, "-o", output.toString()));
		command.addAll(List.of(options));
		Run run = run(command, 180);
		assertThat(run.exit()).as(run.output()).isZero();
	}

	private static String libraries() throws IOException {
		try (Stream<Path> jars = Files.list(TOOLS.resolve("java-libs"))) {
			return String.join(File.pathSeparator, jars.map(Path::toString).sorted().toList());
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String tsc() {
		Path local = TOOLS.resolve("node_modules/.bin/tsc");
		if (Files.isExecutable(local)) {
			return local.toString();
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "tsc");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	private static Run run(List<String> command, int seconds) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
		if (!ended) {
			process.destroyForcibly();
		}
		String text = new String(output, StandardCharsets.UTF_8);
		return new Run(ended ? process.exitValue() : -1,
				text.length() > 6000 ? text.substring(text.length() - 6000) : text);
	}

	record Run(int exit, String output) {
	}

}
