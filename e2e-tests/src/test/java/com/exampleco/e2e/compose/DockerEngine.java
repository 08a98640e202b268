package com.exampleco.e2e.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} and Compose command lines, run as processes, as a user types them.
 * Which binaries, and which base images and trust store the image builds use, come from
 * the environment that {@code .ci/run} prepares:
 * <ul>
 * <li>{@code E2E_DOCKER}: a docker client that builds with BuildKit (default
 * {@code docker});</li>
 * <li>{@code E2E_COMPOSE}: the Compose command, e.g. {@code docker-compose} (default:
 * {@code docker compose} where that answers, else {@code docker-compose});</li>
 * <li>{@code BUILD_IMAGE}, {@code RUNTIME_IMAGE}: the Dockerfile's base images (default:
 * its public ones);</li>
 * <li>{@code E2E_BUILD_CACERTS}: a Java trust store passed to the image build as the
 * {@code cacerts} build secret, for a network whose HTTPS goes through an intercepting
 * proxy (never copied into an image);</li>
 * <li>{@code E2E_REQUIRE_DOCKER=1}: fail instead of skipping when no engine answers
 * (CI).</li>
 * </ul>
 */
record DockerEngine(Path root, List<String> docker, List<String> compose) {

	static DockerEngine detect(Path root) {
		List<String> docker = List.of(env("E2E_DOCKER", "docker"));
		String configured = System.getenv("E2E_COMPOSE");
		List<String> compose;
		if (configured != null && !configured.isBlank()) {
			compose = List.of(configured.trim().split("\\s+"));
		}
		else {
			List<String> plugin = new ArrayList<>(docker);
			plugin.addAll(List.of("compose", "version"));
			compose = (quietly(root, plugin) == 0) ? List.of(docker.get(0), "compose") : List.of("docker-compose");
		}
		return new DockerEngine(root, docker, compose);
	}

	/** Why the engine cannot be used here, or null when {@code docker info} answers. */
	String unavailableReason() {
		List<String> info = new ArrayList<>(this.docker);
		info.addAll(List.of("info", "--format", "{{.ServerVersion}}"));
		int exit = quietly(this.root, info);
		if (exit != 0) {
			return "no Docker engine answers `" + String.join(" ", info) + "` (exit " + exit + "); .ci/run starts one";
		}
		List<String> version = new ArrayList<>(this.compose);
		version.add("version");
		exit = quietly(this.root, version);
		return (exit != 0) ? "no Compose: `" + String.join(" ", version) + "` exits " + exit : null;
	}

	static boolean required() {
		return "1".equals(System.getenv("E2E_REQUIRE_DOCKER"));
	}

	/**
	 * Builds one stage of the Dockerfile as the compose file would, tagged with the
	 * compose file's image name, with the base images and the trust store of this
	 * environment.
	 */
	void build(String target, String image, Path log) {
		List<String> command = new ArrayList<>(this.docker);
		command.addAll(List.of("build", "--target", target, "--tag", image));
		for (String baseImage : List.of("BUILD_IMAGE", "RUNTIME_IMAGE")) {
			String value = System.getenv(baseImage);
			if (value != null && !value.isBlank()) {
				command.addAll(List.of("--build-arg", baseImage + "=" + value));
			}
		}
		String cacerts = System.getenv("E2E_BUILD_CACERTS");
		if (cacerts != null && !cacerts.isBlank()) {
			command.addAll(List.of("--secret", "id=cacerts,src=" + cacerts));
		}
		command.add(".");
		run(command, Map.of("DOCKER_BUILDKIT", "1"), log, Duration.ofMinutes(20));
	}

	/**
	 * {@code docker compose <arguments>} (or {@code docker-compose <arguments>}), waited
	 * for.
	 */
	String compose(Path log, Duration timeout, String... arguments) {
		return run(composeCommand(arguments), Map.of(), log, timeout);
	}

	/**
	 * Starts {@code docker compose <arguments>} without waiting, its output appended to
	 * {@code log}.
	 */
	Process startCompose(Path log, String... arguments) {
		return start(composeCommand(arguments), Map.of(), log);
	}

	/** {@code docker <arguments>}, waited for; its output. */
	String docker(Path log, String... arguments) {
		List<String> command = new ArrayList<>(this.docker);
		command.addAll(List.of(arguments));
		return run(command, Map.of(), log, Duration.ofMinutes(1));
	}

	/** The command a README line {@code docker compose ...} stands for here. */
	List<String> composeCommand(String... arguments) {
		List<String> command = new ArrayList<>(this.compose);
		command.addAll(List.of(arguments));
		return command;
	}

	private String run(List<String> command, Map<String, String> environment, Path log, Duration timeout) {
		try {
			long start = Files.exists(log) ? Files.size(log) : 0;
			Process process = start(command, environment, log);
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"`" + String.join(" ", command) + "` took over " + timeout + "; see " + log);
			}
			byte[] written = Files.readAllBytes(log);
			String output = new String(written, (int) start, written.length - (int) start, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException("`" + String.join(" ", command) + "` exited " + process.exitValue()
						+ "; last output:\n" + tail(output, 40));
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Process start(List<String> command, Map<String, String> environment, Path log) {
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
					java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String tail(String text, int lines) {
		String[] all = text.split("\n");
		return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
	}

	private static int quietly(Path root, List<String> command) {
		try {
			Process process = new ProcessBuilder(command).directory(root.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			return 127;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value.trim() : defaultValue;
	}

}
