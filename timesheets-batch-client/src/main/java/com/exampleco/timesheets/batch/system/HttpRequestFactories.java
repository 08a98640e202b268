package com.exampleco.timesheets.batch.system;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * The JDK's HTTP client with timeouts: a remote that stops answering must never hang the
 * job.
 */
public final class HttpRequestFactories {

	private HttpRequestFactories() {
	}

	public static JdkClientHttpRequestFactory withTimeouts(Duration connectTimeout, Duration readTimeout) {
		HttpClient httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(readTimeout);
		return requestFactory;
	}

}
