package com.exampleco.e2e.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1, so that concurrent builds on one machine do not collide on
 * 8080 and friends.
 */
public final class LoopbackPorts {

	public static final String HOST = "127.0.0.1";

	private LoopbackPorts() {
	}

	/**
	 * A port that was free a moment ago. Another process could take it before ours binds
	 * it; the window is small, and a collision shows as an application that fails to
	 * start with a clear "port in use" in its log.
	 */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on " + HOST, ex);
		}
	}

}
