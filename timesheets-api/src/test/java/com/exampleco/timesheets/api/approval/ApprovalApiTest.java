package com.exampleco.timesheets.api.approval;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.exampleco.timesheets.api.support.ApiClient;
import com.exampleco.timesheets.api.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** An approver lists the pending entries of its organization and approves them. */
class ApprovalApiTest extends ApiIntegrationTest {

	private final String organization = "org_" + UUID.randomUUID();

	private final String submitter = tokens().client("import-job")
		.organization(this.organization)
		.scope("create:timesheets")
		.rs256();

	private final String approver = tokens().client("approver")
		.organization(this.organization)
		.scope("approve:timesheets")
		.rs256();

	private String submit() {
		return this.api.post("/timesheets")
			.bearer(this.submitter)
			.json(entry("E-1", "2026-11-02", "apollo", 8))
			.send()
			.json()
			.get("id")
			.asString();
	}

	@Test
	void anApprovedEntryLeavesThePendingListAndRecordsItsApprover() {
		String first = submit();
		String second = submit();
		assertThat(pendingIds()).containsExactlyInAnyOrder(first, second);

		ApiClient.Response approved = this.api.put("/approvals/" + first).bearer(this.approver).send();

		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.json().get("approved").asBoolean()).isTrue();
		assertThat(approved.json().get("approved_by").asString()).isEqualTo("approver");
		assertThat(approved.json().get("approved_at").asString()).isNotBlank();
		assertThat(pendingIds()).containsExactly(second);
	}

	@Test
	void approvingTwiceKeepsTheFirstApproval() {
		String id = submit();
		JsonNode first = this.api.put("/approvals/" + id).bearer(this.approver).send().json();

		String otherApprover = tokens().client("second-approver")
			.organization(this.organization)
			.scope("approve:timesheets")
			.rs256();
		ApiClient.Response again = this.api.put("/approvals/" + id).bearer(otherApprover).send();

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json()).isEqualTo(first);
	}

	@Test
	void approvingAnUnknownEntryIsNotFound() {
		assertThat(this.api.put("/approvals/" + UUID.randomUUID()).bearer(this.approver).send().status())
			.isEqualTo(404);
	}

	private java.util.List<String> pendingIds() {
		ApiClient.Response pending = this.api.get("/approvals").bearer(this.approver).send();
		assertThat(pending.status()).isEqualTo(200);
		java.util.List<String> ids = new java.util.ArrayList<>();
		pending.json().get("items").forEach((item) -> {
			assertThat(item.get("approved").asBoolean()).isFalse();
			ids.add(item.get("id").asString());
		});
		return ids;
	}

}
