package com.exampleco.e2e.demo;

import java.io.PrintStream;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.exampleco.e2e.http.Json;
import com.exampleco.e2e.http.Response;

/**
 * Prints the demo's story: numbered steps, requests and answers, indented so that a
 * terminal reads like a manual.
 */
final class Narrator {

	private static final String RULE = "-".repeat(78);

	private final PrintStream out;

	private int step;

	Narrator(PrintStream out) {
		this.out = out;
	}

	void title(String text) {
		this.out.println();
		this.out.println("=".repeat(78));
		this.out.println("  " + text);
		this.out.println("=".repeat(78));
	}

	void step(String text) {
		this.step++;
		this.out.println();
		this.out.println(RULE);
		this.out.printf("%d. %s%n", this.step, text);
		this.out.println(RULE);
	}

	void say(String text) {
		for (String line : text.split("\n")) {
			this.out.println("   " + line);
		}
	}

	void blank() {
		this.out.println();
	}

	/** A request, with its form fields; the caller masks what must not be shown. */
	void request(String method, String uri, Map<String, String> shownFields, String authorization) {
		this.out.printf("   --> %s %s%n", method, uri);
		if (authorization != null) {
			this.out.printf("       Authorization: %s%n", authorization);
		}
		shownFields.forEach((name, value) -> this.out.printf("       %s=%s%n", name, value));
	}

	void response(Response response) {
		this.out.printf("   <-- %d %s%n", response.status(), reason(response.status()));
		String challenge = response.header("WWW-Authenticate");
		if (challenge != null) {
			this.out.printf("       WWW-Authenticate: %s%n", challenge);
		}
	}

	void json(String label, JsonNode node) {
		if (label != null) {
			this.out.println("   " + label);
		}
		for (String line : Json.pretty(node).split("\n")) {
			this.out.println("       " + line);
		}
	}

	void why(String text) {
		this.out.println("   Why: " + text);
	}

	static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 201 -> "Created";
			case 204 -> "No Content";
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			default -> "";
		};
	}

}
