package com.exampleco.e2e.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the applications' executable jars: in {@code e2e.apps.dir} (where the build
 * copies them before the integration tests), else in {@code e2e-tests/target/apps} under
 * the working directory (the demo), else in each module's own {@code target/} folder.
 */
public final class AppJars {

	public static final String APPS_DIR_PROPERTY = "e2e.apps.dir";

	private final List<Path> searchDirs;

	private final Path repositoryRoot;

	private AppJars(List<Path> searchDirs, Path repositoryRoot) {
		this.searchDirs = searchDirs;
		this.repositoryRoot = repositoryRoot;
	}

	public static AppJars locate() {
		List<Path> dirs = new ArrayList<>();
		String configured = System.getProperty(APPS_DIR_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			dirs.add(Path.of(configured));
		}
		Path cwd = Path.of("").toAbsolutePath();
		dirs.add(cwd.resolve("e2e-tests/target/apps"));
		dirs.add(cwd.resolve("target/apps"));
		Path root = Files.isDirectory(cwd.resolve("e2e-tests")) ? cwd : cwd.getParent();
		return new AppJars(dirs, root);
	}

	/**
	 * @param module the application's Maven module, e.g. {@code auth-server}
	 */
	public Path jar(String module) {
		for (Path dir : this.searchDirs) {
			Path jar = dir.resolve(module + ".jar");
			if (Files.isRegularFile(jar)) {
				return jar;
			}
		}
		return moduleTarget(module).orElseThrow(
				() -> new IllegalStateException("No executable jar of " + module + " in " + this.searchDirs + " nor in "
						+ module + "/target; build it first: " + "./mvnw -pl e2e-tests -am -DskipTests package"));
	}

	private Optional<Path> moduleTarget(String module) {
		if (this.repositoryRoot == null) {
			return Optional.empty();
		}
		Path target = this.repositoryRoot.resolve(module).resolve("target");
		if (!Files.isDirectory(target)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((path) -> {
				String name = path.getFileName().toString();
				return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
						&& !name.endsWith("-javadoc.jar");
			}).findFirst();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
