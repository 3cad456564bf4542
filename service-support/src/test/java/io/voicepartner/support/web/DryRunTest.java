package io.voicepartner.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which writes may be dry-run, as requests name them and as the API document's templates do. */
class DryRunTest {

    @Test
    void configurationWritesMayBeDryRunByTheirPathsAndTheirTemplates() {
        for (String path : new String[] {
            "/api/assistants",
            "/api/assistants/{id}/clone",
            "/api/assistants/0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d",
            "/api/organizations/{organizationId}",
            "/api/webhook-endpoints/{id}"
        }) {
            assertThat(DryRun.exclusion("POST", path)).as(path).isEmpty();
            assertThat(DryRun.exclusion("PATCH", path)).as(path).isEmpty();
        }
        assertThat(DryRun.exclusion("DELETE", "/api/organizations/acme/api-keys/k1"))
                .as("revoking a key shows no secret")
                .isEmpty();
    }

    @Test
    void writesThatShowASecretOnceOrCannotBeTakenBackSayWhy() {
        assertThat(DryRun.exclusion("POST", "/token"))
                .hasValueSatisfying(why -> assertThat(why).contains("shows a secret once"));
        assertThat(DryRun.exclusion("POST", "/api/organizations/{organizationId}/api-keys"))
                .hasValueSatisfying(why -> assertThat(why).contains("shows a secret once"));
        assertThat(DryRun.exclusion("POST", "/api/webhook-endpoints/w1/rotate-secret"))
                .isPresent();
        assertThat(DryRun.exclusion("POST", "/api/users/")).hasValue("signing up is not a configuration change");
        assertThat(DryRun.exclusion("POST", "/api/tools/t1/test")).isPresent();
        assertThat(DryRun.exclusion("POST", "/api/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver"))
                .isPresent();
        assertThat(DryRun.exclusion("POST", "/api/config/apply"))
                .hasValueSatisfying(why -> assertThat(why).contains("/api/config/plan"));
    }

    @Test
    void theParameterIsReadFromTheQueryStringAloneDecoded() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/assistants");
        assertThat(DryRun.parameter(request)).isEmpty();

        request.setQueryString("a=1&dry%5Frun=true");
        assertThat(DryRun.parameter(request)).hasValue("true");

        request.setQueryString("dry_run");
        assertThat(DryRun.parameter(request)).hasValue("");

        request.setQueryString(String.join("&", "dry_run=%G1", "x=%"));
        assertThat(DryRun.parameter(request))
                .as("a malformed escape is kept, to be refused")
                .hasValue("%G1");

        request.setQueryString("dry_runs=true");
        request.setParameter("dry_run", "true");
        assertThat(DryRun.parameter(request))
                .as("a form field is not the query")
                .isEmpty();
    }
}
