package com.exampleco.e2e.landscape;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four machine-to-machine applications of the scenario, as the authorization server
 * seeds them (see {@code auth-server/src/main/resources/application.yml}): the import job
 * ({@code batch:upload create:timesheets}), a read-only reporting service, an approval
 * service, and a client without any grant for the Timesheets API.
 */
public record Clients(ClientCredentials importJob, ClientCredentials reader, ClientCredentials approver,
		ClientCredentials noGrant) {

	public static final String IMPORT_JOB = "timesheets-import-job";

	public static final String READER = "timesheets-reader";

	public static final String APPROVER = "timesheets-approver";

	public static final String NO_GRANT = "no-grant-client";

	/**
	 * Seeded with metadata {@code suspended: "true"}: the demo's Action refuses it a
	 * token.
	 */
	public static final String LEGACY_EXPORT = "timesheets-legacy-export";

	/**
	 * The DEMO VALUES the authorization server seeds when no secret is set in its
	 * environment: for the demo on a developer's machine, never for anything reachable.
	 */
	public static Clients demo() {
		return new Clients(new ClientCredentials(IMPORT_JOB, "demo-k34iIAVwsd-lDcZK2XZErDDmz51ke3RLeFqit1-ZA8M"),
				new ClientCredentials(READER, "demo-ntDRNhR5fzX2-pf4FC4mGuioC7E_IbH98jSGeHE99Jo"),
				new ClientCredentials(APPROVER, "demo-oC_7wE2F3GpPxP-J6gQouWKBXSQ8EUjiWn7p-ytc694"),
				new ClientCredentials(NO_GRANT, "demo-TiPIAp1iml4PyOnWeaER3yPRO1awGbvrBMpVt-WqPJg"));
	}

	/**
	 * The suspended demo client, with its DEMO secret (demo only: the end-to-end seed
	 * does not create it).
	 */
	public static ClientCredentials suspendedDemo() {
		return new ClientCredentials(LEGACY_EXPORT, "demo-tcvAOMUydGzSACjRaHbhLh-Gmu9uO1ij7kXUmH3q16c");
	}

	/**
	 * Fresh secrets (384 random bits each), handed to the authorization server and the
	 * import job through the environment variables they read. A test that passes with
	 * these does not depend on the demo values.
	 */
	public static Clients random() {
		return new Clients(new ClientCredentials(IMPORT_JOB, randomSecret()),
				new ClientCredentials(READER, randomSecret()), new ClientCredentials(APPROVER, randomSecret()),
				new ClientCredentials(NO_GRANT, randomSecret()));
	}

	/**
	 * The variables the authorization server's seed (and, for the import job, the batch
	 * client) read.
	 */
	public Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("IMPORT_JOB_CLIENT_SECRET", this.importJob.secret());
		environment.put("READER_CLIENT_SECRET", this.reader.secret());
		environment.put("APPROVER_CLIENT_SECRET", this.approver.secret());
		environment.put("NO_GRANT_CLIENT_SECRET", this.noGrant.secret());
		return environment;
	}

	static String randomSecret() {
		byte[] bytes = new byte[48];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
