package com.exampleco.authserver;

/** The clients of {@code application-test.yml}, by what they are for. */
public final class TestClients {

	public static final String TIMESHEETS = "https://api.exampleco.com/timesheets";

	public static final String PAYROLL = "https://api.exampleco.com/payroll";

	/** The management API (Auth0: https://tenant/api/v2/), of the test issuer. */
	public static final String MANAGEMENT_API = "https://auth.test.example/api/v2/";

	public static final Credentials IMPORT_JOB = new Credentials("import-job",
			"F7PBFgoYkxsibzoloT9zUezrS_iHRvdWi63lVebKESI");

	public static final Credentials READER = new Credentials("reader", "AiqreTMSPLQ4g9sak_qDava1xnfBy3gGNntCpB0fomM");

	public static final Credentials ORG_REQUIRED = new Credentials("org-required",
			"9DbKLJUhFQqxhAyahxETG9zAx9PGOVfA5Ghstv_pzcA");

	public static final Credentials ORG_DEFAULT = new Credentials("org-default",
			"gpd4bQIGT5VRjgiEyPVrGEaYBDyrGWZpfuOirJfzIJQ");

	public static final Credentials POST_ONLY = new Credentials("post-only",
			"8nS60KhMloUB3NnUb3H0MMeZizLZ-ebBnBUyk-_K11o");

	public static final Credentials NO_GRANT = new Credentials("no-grant",
			"0lt5UsN-3ZXnewcEJRnRXQ0g3paZkpQFkH0XVV-UksU");

	public static final Credentials DEVICE_APP = new Credentials("device-app",
			"bQCu8XdWSXuEAPzHXY0lTltC9VdZL5VITjUxfYQF57I");

	public static final Credentials MANAGEMENT = new Credentials("management-api-client",
			"XqNbXk-GCpOvcYoDL6gPlSeAIlGkPMatikMpss4HToQ");

	private TestClients() {
	}

	public record Credentials(String clientId, String secret) {
	}

}
