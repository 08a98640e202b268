package com.exampleco.e2e.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Spring Boot application run as its own process ({@code java -jar}) on a loopback
 * port, with its output in a log file. It can be started again after a stop or a kill
 * with the same configuration, data folder and port: that is how the fault tests restart
 * a server. Every start appends to the same log, so the tail shows the whole story.
 */
public final class ManagedApp {

	/**
	 * Fast startup beats peak throughput for processes that live a minute: C1 only, the
	 * serial collector, and a heap small enough that three of them fit beside the build
	 * on a small CI machine.
	 */
	static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
			"-Dfile.encoding=UTF-8");

	private static final Duration STOP_GRACE = Duration.ofSeconds(15);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * Every process started here and not yet stopped. A JVM that ends without stopping
	 * them (a test run interrupted, a build timeout) must not leave servers behind
	 * holding ports: a shutdown hook stops them as {@link #stop()} does.
	 */
	private static final Set<Process> live = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(ManagedApp::stopAllLive, "managed-app-reaper"));
	}

	private final String name;

	private final Path jar;

	private final int port;

	private final List<String> arguments;

	private final Map<String, String> environment;

	private final Path workDir;

	private final Path log;

	private volatile Process process;

	private int starts;

	/**
	 * @param name a short label for logs and reports, e.g. {@code auth-server}
	 * @param jar the executable jar
	 * @param port the port it serves on; passed as {@code --server.port}
	 * @param arguments Spring Boot {@code --property=value} arguments
	 * @param environment extra environment variables (e.g. client secrets, which should
	 * not show in {@code ps})
	 * @param workDir its working directory, where its log also goes
	 */
	public ManagedApp(String name, Path jar, int port, List<String> arguments, Map<String, String> environment,
			Path workDir) {
		this.name = name;
		this.jar = jar;
		this.port = port;
		this.arguments = List.copyOf(arguments);
		this.environment = new LinkedHashMap<>(environment);
		this.workDir = workDir;
		this.log = workDir.resolve(name + ".log");
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public Path log() {
		return this.log;
	}

	public Path workDir() {
		return this.workDir;
	}

	/** {@code http://127.0.0.1:<port><path>} */
	public URI uri(String path) {
		return URI.create("http://" + LoopbackPorts.HOST + ":" + this.port + path);
	}

	/** Starts the process and returns at once; see {@link #awaitHealthy(Duration)}. */
	public synchronized ManagedApp start() {
		if (isRunning()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		try {
			Files.createDirectories(this.workDir);
			this.starts++;
			Files.writeString(this.log,
					"%n===== %s start #%d at %s =====%n".formatted(this.name, this.starts, Instant.now()),
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			List<String> command = new ArrayList<>();
			command.add(javaExecutable());
			command.addAll(JVM_OPTIONS);
			command.add("-jar");
			command.add(this.jar.toAbsolutePath().toString());
			command.add("--server.port=" + this.port);
			command.add("--server.address=" + LoopbackPorts.HOST);
			command.addAll(this.arguments);
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.PIPE);
			builder.environment().putAll(this.environment);
			this.process = builder.start();
			live.add(this.process);
			this.process.getOutputStream().close();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
	}

	/**
	 * Waits until {@code /actuator/health} answers {@code UP}.
	 * @throws IllegalStateException if the process exits first or the time runs out; the
	 * message holds its log tail
	 */
	public ManagedApp awaitHealthy(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		HttpRequest request = HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(2)).build();
		while (Instant.now().isBefore(deadline)) {
			Process current = this.process;
			if (current == null || !current.isAlive()) {
				throw new IllegalStateException(this.name + " exited before it was healthy"
						+ ((current != null) ? " (exit status " + current.exitValue() + ")" : "") + "\n" + logTail(60));
			}
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return this;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
			sleep(Duration.ofMillis(250));
		}
		throw new IllegalStateException(this.name + " was not healthy after " + timeout + "\n" + logTail(60));
	}

	public boolean isRunning() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/**
	 * Asks the process to stop (SIGTERM: Spring's graceful shutdown), and kills it if it
	 * takes too long.
	 */
	public synchronized void stop() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		current.destroy();
		try {
			if (!current.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				current.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			current.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		live.remove(current);
		this.process = null;
	}

	/**
	 * Kills the process at once (SIGKILL on Unix): no shutdown hook, no graceful
	 * shutdown, nothing flushed.
	 */
	public synchronized void kill() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		current.destroyForcibly();
		try {
			current.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		live.remove(current);
		this.process = null;
	}

	/** The last lines of the log, framed with the application's name. */
	public String logTail(int lines) {
		Deque<String> tail = new ArrayDeque<>(lines);
		if (Files.isRegularFile(this.log)) {
			try (Stream<String> all = Files.lines(this.log, StandardCharsets.UTF_8)) {
				all.forEach((line) -> {
					if (tail.size() == lines) {
						tail.removeFirst();
					}
					tail.addLast(line);
				});
			}
			catch (IOException | UncheckedIOException ex) {
				tail.add("(cannot read " + this.log + ": " + ex.getMessage() + ")");
			}
		}
		return "----- last " + tail.size() + " lines of " + this.name + " (" + this.log + ") -----\n"
				+ String.join("\n", tail) + "\n----- end of " + this.name + " -----";
	}

	private static void stopAllLive() {
		live.forEach(Process::destroy);
		for (Process process : live) {
			try {
				if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
			}
		}
	}

	/**
	 * The JDK that runs this code runs the applications too, so they get the same Java
	 * version.
	 */
	private static String javaExecutable() {
		Path java = Path.of(System.getProperty("java.home"), "bin",
				System.getProperty("os.name").toLowerCase().startsWith("windows") ? "java.exe" : "java");
		return java.toString();
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	@Override
	public String toString() {
		return this.name + " on " + uri("");
	}

}
