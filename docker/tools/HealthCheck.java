import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A container healthcheck that needs nothing but the JRE that runs the application: {@code java -cp /opt/exampleco
 * HealthCheck 9000} exits 0 when {@code http://127.0.0.1:9000/actuator/health} answers 200 with status UP, else 1.
 * Base images differ in what else they carry (curl, wget, bash, or nothing at all, as in distroless or a minimal
 * Debian), so the check relies on none of them.
 */
public final class HealthCheck {

	private HealthCheck() {
	}

	public static void main(String[] args) {
		String port = (args.length > 0) ? args[0] : "8080";
		String path = (args.length > 1) ? args[1] : "/actuator/health";
		System.exit(isUp(URI.create("http://127.0.0.1:" + port + path)) ? 0 : 1);
	}

	static boolean isUp(URI uri) {
		try {
			HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
			connection.setConnectTimeout(2000);
			connection.setReadTimeout(2000);
			try (InputStream body = connection.getInputStream()) {
				// Health answers are small; reading a bounded prefix keeps a misbehaving endpoint from filling memory.
				String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
				return connection.getResponseCode() == 200 && text.contains("\"status\":\"UP\"");
			}
		}
		catch (IOException ex) {
			System.err.println("unhealthy: " + ex.getClass().getSimpleName());
			return false;
		}
	}

}
