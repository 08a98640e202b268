package com.exampleco.e2e.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import com.exampleco.e2e.http.Json;

/**
 * What one application module says about its own configuration, read from its sources:
 * the properties its {@code application*.yml|properties} set, the environment variables
 * they name in {@code ${VARIABLE:default}} placeholders, the properties its
 * {@code @ConfigurationProperties} declare (Boot's generated configuration metadata), and
 * its version and Jib image from its {@code pom.xml}.
 */
record ApplicationConfiguration(String module, Map<String, Object> properties, Set<String> placeholderVariables,
		Set<String> declaredProperties, String version, String jibImage, String jibWorkingDirectory,
		List<String> jibJvmFlags) {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

	/** Properties of Spring Boot itself that the compose file may set. */
	private static final Set<String> BOOT_PROPERTIES = Set.of("server.port", "spring.profiles.active",
			"spring.datasource.url", "spring.datasource.username", "spring.datasource.password");

	static ApplicationConfiguration read(Path moduleDir) {
		Map<String, Object> properties = new LinkedHashMap<>();
		Set<String> placeholders = new TreeSet<>();
		Path resources = moduleDir.resolve("src/main/resources");
		try (Stream<Path> files = Files.list(resources)) {
			for (Path file : files.filter((p) -> p.getFileName().toString().startsWith("application"))
				.sorted()
				.toList()) {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				Matcher matcher = PLACEHOLDER.matcher(text);
				while (matcher.find()) {
					placeholders.add(matcher.group(1));
				}
				boolean profileFile = file.getFileName().toString().startsWith("application-");
				if (file.toString().endsWith(".properties")) {
					Properties loaded = new Properties();
					loaded.load(new StringReader(text));
					loaded.forEach((key, value) -> put(properties, key.toString(), value, profileFile));
				}
				else {
					boolean first = true;
					for (Object document : new Yaml().loadAll(text)) {
						flatten("", document, properties, profileFile || !first);
						first = false;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Set<String> declared = new TreeSet<>(BOOT_PROPERTIES);
		declared.addAll(properties.keySet());
		declared.addAll(metadata(moduleDir));
		return new ApplicationConfiguration(moduleDir.getFileName().toString(), properties, placeholders, declared,
				pom(moduleDir, "version"), jibImage(moduleDir), jib(moduleDir, "workingDirectory"),
				jibJvmFlags(moduleDir));
	}

	/**
	 * Whether the application reads this environment variable: a placeholder names it, or
	 * it is the relaxed-binding form of a property the application has (upper case,
	 * {@code .} as {@code _}, dashes removed).
	 */
	boolean reads(String variable) {
		return this.placeholderVariables.contains(variable)
				|| this.declaredProperties.stream().anyMatch((property) -> environmentName(property).equals(variable));
	}

	/**
	 * A property's default value, with a {@code ${VARIABLE:default}} placeholder resolved
	 * to its default.
	 */
	String defaultValue(String property) {
		Object value = this.properties.get(property);
		if (value == null) {
			return null;
		}
		String text = value.toString();
		Matcher matcher = Pattern.compile("^\\$\\{[A-Z0-9_]+:(.*)}$").matcher(text);
		return matcher.matches() ? matcher.group(1) : text;
	}

	static String environmentName(String property) {
		return property.replace("-", "").replace('.', '_').replace("[", "_").replace("]", "").toUpperCase(Locale.ROOT);
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Object node, Map<String, Object> into, boolean profileDocument) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, into,
					profileDocument));
		}
		else if (node instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), into, profileDocument);
			}
		}
		else if (!prefix.isEmpty()) {
			put(into, prefix, node, profileDocument);
		}
	}

	/**
	 * Defaults win over profile-specific values: what is asked about here is the default.
	 */
	private static void put(Map<String, Object> into, String key, Object value, boolean profileDocument) {
		if (profileDocument) {
			into.putIfAbsent(key, value);
		}
		else {
			into.put(key, value);
		}
	}

	/**
	 * Boot's configuration metadata, from the application's jar (the build passes its
	 * path as {@code e2e.jar.<module>}), else from the module's compiled classes.
	 */
	private static Set<String> metadata(Path moduleDir) {
		String module = moduleDir.getFileName().toString();
		String jar = System.getProperty("e2e.jar." + module);
		try {
			String json;
			if (jar != null && Files.isRegularFile(Path.of(jar))) {
				try (ZipFile zip = new ZipFile(jar)) {
					ZipEntry entry = zip.getEntry("BOOT-INF/classes/META-INF/spring-configuration-metadata.json");
					if (entry == null) {
						entry = zip.getEntry("META-INF/spring-configuration-metadata.json");
					}
					if (entry == null) {
						throw new IllegalStateException("No configuration metadata in " + jar);
					}
					try (InputStream in = zip.getInputStream(entry)) {
						json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
					}
				}
			}
			else {
				Path file = moduleDir.resolve("target/classes/META-INF/spring-configuration-metadata.json");
				if (!Files.isRegularFile(file)) {
					throw new IllegalStateException("No configuration metadata for " + module + ": build it first "
							+ "(./mvnw -pl e2e-tests -am verify does)");
				}
				json = Files.readString(file);
			}
			Set<String> names = new TreeSet<>();
			for (JsonNode property : Json.parse(json).path("properties")) {
				names.add(property.path("name").asString());
			}
			return names;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String pom(Path moduleDir, String element) {
		Document pom = parse(moduleDir.resolve("pom.xml"));
		NodeList children = pom.getDocumentElement().getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			if (children.item(i) instanceof Element child && child.getTagName().equals(element)) {
				return child.getTextContent().trim();
			}
		}
		return null;
	}

	/**
	 * The {@code <to><image>} of the module's jib-maven-plugin, if it declares one;
	 * properties resolved.
	 */
	private static String jibImage(Path moduleDir) {
		String image = jib(moduleDir, "image");
		return (image != null) ? image.replace("${project.artifactId}", pom(moduleDir, "artifactId"))
			.replace("${project.version}", pom(moduleDir, "version")) : null;
	}

	/**
	 * The {@code <jvmFlag>}s of the module's jib-maven-plugin, in order; empty when it
	 * declares none.
	 */
	private static List<String> jibJvmFlags(Path moduleDir) {
		Element plugin = jibPlugin(moduleDir);
		if (plugin == null) {
			return List.of();
		}
		NodeList flags = plugin.getElementsByTagName("jvmFlag");
		List<String> values = new java.util.ArrayList<>();
		for (int i = 0; i < flags.getLength(); i++) {
			values.add(flags.item(i).getTextContent().trim());
		}
		return values;
	}

	/** A property of the module's pom ({@code <properties>}), or null. */
	static String pomProperty(Path moduleDir, String name) {
		NodeList properties = parse(moduleDir.resolve("pom.xml")).getDocumentElement().getElementsByTagName(name);
		return (properties.getLength() > 0) ? properties.item(0).getTextContent().trim() : null;
	}

	private static Element jibPlugin(Path moduleDir) {
		NodeList plugins = parse(moduleDir.resolve("pom.xml")).getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			Element plugin = (Element) plugins.item(i);
			NodeList artifactIds = plugin.getElementsByTagName("artifactId");
			if (artifactIds.getLength() > 0 && "jib-maven-plugin".equals(artifactIds.item(0).getTextContent().trim())) {
				return plugin;
			}
		}
		return null;
	}

	/**
	 * The first element of that name in the module's jib-maven-plugin declaration, or
	 * null.
	 */
	private static String jib(Path moduleDir, String element) {
		Document pom = parse(moduleDir.resolve("pom.xml"));
		NodeList plugins = pom.getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			Element plugin = (Element) plugins.item(i);
			NodeList artifactIds = plugin.getElementsByTagName("artifactId");
			if (artifactIds.getLength() > 0 && "jib-maven-plugin".equals(artifactIds.item(0).getTextContent().trim())) {
				NodeList found = plugin.getElementsByTagName(element);
				if (element.equals("image")) {
					NodeList to = plugin.getElementsByTagName("to");
					found = (to.getLength() > 0) ? ((Element) to.item(0)).getElementsByTagName("image") : null;
				}
				return (found == null || found.getLength() == 0) ? null : found.item(0).getTextContent().trim();
			}
		}
		return null;
	}

	private static Document parse(Path xml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(xml.toFile());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read " + xml, ex);
		}
	}

}
