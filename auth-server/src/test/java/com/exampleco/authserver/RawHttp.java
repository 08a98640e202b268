package com.exampleco.authserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, for the requests an HTTP client library would not send as
 * they are: an encoded or odd path, a body announced but never sent, a chunked body, a
 * chosen source address.
 */
final class RawHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RawHttp() {
	}

	/**
	 * Opens a connection to the server from a loopback source address of the test's
	 * choosing.
	 */
	static Socket connect(int port, String sourceAddress) {
		try {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(20_000);
			return socket;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Sends the request as written (CRLF line ends) on a new connection, and reads the
	 * answer to the end.
	 */
	static Answer exchange(int port, String request) {
		return exchange(port, "127.0.0.1", request.getBytes(StandardCharsets.UTF_8));
	}

	static Answer exchange(int port, String sourceAddress, byte[] request) {
		try (Socket socket = connect(port, sourceAddress)) {
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return read(socket.getInputStream());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A request with a form body and {@code Connection: close}, to {@code path} as
	 * written.
	 */
	static String post(String path, String contentType, String body, String... headers) {
		StringBuilder request = new StringBuilder(
				"POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n");
		if (contentType != null) {
			request.append("Content-Type: ").append(contentType).append("\r\n");
		}
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body);
		return request.toString();
	}

	/**
	 * Reads one answer, whose body ends with the connection (every request here says
	 * Connection: close).
	 */
	static Answer read(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		String text = all.toString(StandardCharsets.UTF_8);
		int headEnd = text.indexOf("\r\n\r\n");
		String head = headEnd < 0 ? text : text.substring(0, headEnd);
		String body = headEnd < 0 ? "" : text.substring(headEnd + 4);
		if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
			body = unchunk(body);
		}
		int status = Integer.parseInt(head.substring(9, 12));
		return new Answer(status, head, body);
	}

	private static String unchunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (at < chunked.length()) {
			int lineEnd = chunked.indexOf("\r\n", at);
			if (lineEnd < 0) {
				break;
			}
			int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				break;
			}
			body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
			at = lineEnd + 2 + size + 2;
		}
		return body.toString();
	}

	record Answer(int status, String head, String body) {

		String header(String name) {
			for (String line : head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

		@SuppressWarnings("unchecked")
		java.util.Map<String, Object> json() {
			return JSON.readValue(body, java.util.Map.class);
		}

		String error() {
			return (String) json().get("error");
		}
	}

}
