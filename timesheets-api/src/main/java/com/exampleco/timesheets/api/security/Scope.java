package com.exampleco.timesheets.api.security;

/**
 * The scopes the authorization server defines for this API, and the authority each
 * becomes here.
 */
public enum Scope {

	BATCH_UPLOAD("batch:upload", "Upload batches of timesheet entries"),
	CREATE_TIMESHEETS("create:timesheets", "Create timesheet entries"),
	READ_TIMESHEETS("read:timesheets", "Read timesheet entries"),
	DELETE_TIMESHEETS("delete:timesheets", "Delete timesheet entries"),
	APPROVE_TIMESHEETS("approve:timesheets", "Approve timesheet entries"),
	READ_EVENTS("read:events", "Watch the stream of API calls (GET /events, for the flow page)");

	private final String value;

	private final String description;

	Scope(String value, String description) {
		this.value = value;
		this.description = description;
	}

	/** The scope as it appears in the token's {@code scope} claim. */
	public String value() {
		return this.value;
	}

	public String description() {
		return this.description;
	}

	public String authority() {
		return authorityOf(this.value);
	}

	static String authorityOf(String scope) {
		return "SCOPE_" + scope;
	}

}
