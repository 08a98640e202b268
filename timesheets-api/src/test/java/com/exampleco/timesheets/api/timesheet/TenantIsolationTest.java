package com.exampleco.timesheets.api.timesheet;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given tokens for two organizations (and one for none), each sees and changes only its
 * own entries; another organization's entry is answered as if it did not exist.
 */
class TenantIsolationTest extends ApiIntegrationTest {

	private static final String ALL = "create:timesheets read:timesheets delete:timesheets approve:timesheets batch:upload";

	private final String acme = tokens().client("shared-client").organization("org_acme").scope(ALL).rs256();

	private final String globex = tokens().client("shared-client").organization("org_globex").scope(ALL).rs256();

	private final String noOrganization = tokens().client("shared-client").scope(ALL).rs256();

	private final String employee = "E-" + UUID.randomUUID();

	private String create(String token) {
		ApiClient.Response created = this.api.post("/timesheets")
			.bearer(token)
			.json(entry(this.employee, "2026-11-02", "apollo", 8))
			.send();
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	@Test
	void anEntryBelongsToTheTokensOrganization() {
		String id = create(this.acme);

		assertThat(this.api.get("/timesheets/" + id).bearer(this.acme).send().json().get("org_id").asString())
			.isEqualTo("org_acme");
	}

	@Test
	void anotherOrganizationCannotReadDeleteOrApproveIt() {
		String id = create(this.acme);

		for (String outsider : new String[] { this.globex, this.noOrganization }) {
			assertThat(this.api.get("/timesheets/" + id).bearer(outsider).send().status()).isEqualTo(404);
			assertThat(this.api.delete("/timesheets/" + id).bearer(outsider).send().status()).isEqualTo(404);
			assertThat(this.api.put("/approvals/" + id).bearer(outsider).send().status()).isEqualTo(404);
		}
		ApiClient.Response stillThere = this.api.get("/timesheets/" + id).bearer(this.acme).send();
		assertThat(stillThere.status()).isEqualTo(200);
		assertThat(stillThere.json().get("approved").asBoolean()).isFalse();
	}

	@Test
	void listsAndPendingApprovalsShowOnlyTheCallersOrganization() {
		create(this.acme);
		create(this.acme);
		create(this.globex);
		create(this.noOrganization);

		assertThat(total("/timesheets?employee_id=" + this.employee, this.acme)).isEqualTo(2);
		assertThat(total("/timesheets?employee_id=" + this.employee, this.globex)).isEqualTo(1);
		assertThat(total("/timesheets?employee_id=" + this.employee, this.noOrganization)).isEqualTo(1);
		assertThat(this.api.get("/approvals?size=100").bearer(this.globex).send().json().get("items")).isNotEmpty()
			.allSatisfy((item) -> assertThat(item.get("org_id").asString()).isEqualTo("org_globex"));
	}

	@Test
	void anIdempotencyKeyNeverRevealsAnotherOrganizationsEntry() {
		String key = UUID.randomUUID().toString();
		ApiClient.Response inAcme = this.api.post("/timesheets")
			.bearer(this.acme)
			.header("Idempotency-Key", key)
			.json(entry(this.employee, "2026-11-02", "apollo", 8))
			.send();
		ApiClient.Response inGlobex = this.api.post("/timesheets")
			.bearer(this.globex)
			.header("Idempotency-Key", key)
			.json(entry(this.employee, "2026-11-02", "apollo", 8))
			.send();

		assertThat(inGlobex.status()).isEqualTo(201);
		assertThat(inGlobex.header("Idempotent-Replayed")).isNull();
		assertThat(inGlobex.json().get("id")).isNotEqualTo(inAcme.json().get("id"));
		assertThat(inGlobex.json().get("org_id").asString()).isEqualTo("org_globex");
	}

	private long total(String path, String token) {
		return this.api.get(path).bearer(token).send().json().get("total_elements").asLong();
	}

}
