package com.exampleco.timesheets.api.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 written by hand on a plain socket, for what a well-behaved client library
 * never sends: bodies larger than they say, chunked bodies that never end, bodies that
 * stop arriving, raw bytes in the request line.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/**
	 * Sends {@code head} (request line and headers, without the blank line) and
	 * {@code body}, then reads until the server closes the connection or {@code wait}
	 * passes without a byte.
	 */
	public Answer exchange(String head, byte[] body, Duration wait) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) wait.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			try {
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// The server answered and closed while the body was still on its way:
				// read what it said.
			}
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Answer read(InputStream in) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n; (n = in.read(buffer)) >= 0;) {
				received.write(buffer, 0, n);
				if (complete(received.toString(StandardCharsets.UTF_8))) {
					break;
				}
			}
			return new Answer(received.toString(StandardCharsets.UTF_8), true);
		}
		catch (SocketTimeoutException ex) {
			return new Answer(received.toString(StandardCharsets.UTF_8), false);
		}
		catch (IOException ex) {
			// Reset by the server after it answered: what arrived before is the answer.
			return new Answer(received.toString(StandardCharsets.UTF_8), true);
		}
	}

	/**
	 * A whole response has arrived: headers and as much body as Content-Length says, or
	 * the last chunk.
	 */
	private static boolean complete(String text) {
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			return false;
		}
		String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
		int length = head.indexOf("\ncontent-length:");
		if (length >= 0) {
			int lineEnd = head.indexOf('\r', length + 1);
			long declared = Long.parseLong(head.substring(length + 16, (lineEnd < 0) ? head.length() : lineEnd).trim());
			return text.substring(end + 4).getBytes(StandardCharsets.UTF_8).length >= declared;
		}
		if (head.contains("\ntransfer-encoding: chunked")) {
			return text.endsWith("\r\n0\r\n\r\n");
		}
		return false;
	}

	/**
	 * What came back.
	 *
	 * @param text the bytes received, as text
	 * @param ended whether the server finished (a whole response, or the connection
	 * closed) before the wait ran out
	 */
	public record Answer(String text, boolean ended) {

		public int status() {
			return (this.text.startsWith("HTTP/1.1 ")) ? Integer.parseInt(this.text.substring(9, 12)) : -1;
		}

		public String head() {
			int end = this.text.indexOf("\r\n\r\n");
			return (end < 0) ? this.text : this.text.substring(0, end);
		}

		public String body() {
			int end = this.text.indexOf("\r\n\r\n");
			return (end < 0) ? "" : this.text.substring(end + 4);
		}

	}

}
