package jp.shinkin.otp.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may call what, path by path (no service needed): the table a reviewer would ask for. */
class AccessPolicyTest {
    private static final Caller CHANNEL = new Caller.Channel();
    private static final Caller JOB = new Caller.ServiceJob("operations-batch");
    private static final Caller OPERATOR = new Caller.Staff("s1", "Sato", Set.of(StaffRole.OPERATOR));
    private static final Caller APPROVER = new Caller.Staff("s2", "Takahashi", Set.of(StaffRole.APPROVER));
    private static final Caller AUDITOR = new Caller.Staff("s3", "Tanaka", Set.of(StaffRole.AUDITOR));
    private static final Caller NOBODY = new Caller.Staff("s4", "No Role", Set.of());

    private static boolean may(Caller caller, HttpMethod method, String path) {
        return AccessPolicy.refusal(caller, method, path).isEmpty();
    }

    @Test
    void theBatchJobReadsAndMigratesAndNothingElseWhateverThePathLooksLike() {
        assertThat(may(JOB, HttpMethod.GET, "/v1/ops/contracts/C-1/events")).isTrue();
        assertThat(may(JOB, HttpMethod.POST, "/v1/ops/contracts")).isTrue();
        assertThat(may(JOB, HttpMethod.POST, "/v1/ops/contracts/bulk/")).isTrue();
        assertThat(may(JOB, HttpMethod.POST, "/v1/ops/tokens/imports")).isTrue();
        for (String path : new String[] {"/v1/ops/contracts/C-1/token-suspension", "/v1/ops/contracts/C-1/token-suspension/",
            "/v1/ops/contracts/C-1/token-reset/", "/v1/ops/contracts/C-1/unlock/", "/v1/ops/contracts/C-1/approvals/r1",
            "/v1/ops/contracts/C-1/approvals/r1/", "/v1/ops/anything-new"}) {
            assertThat(may(JOB, HttpMethod.POST, path)).as(path).isFalse();
        }
        assertThat(may(JOB, HttpMethod.DELETE, "/v1/ops/contracts")).isFalse();
        // Notice addresses follow the bank's customer file: the job keeps them, and nothing else by PUT or DELETE.
        assertThat(may(JOB, HttpMethod.PUT, "/v1/ops/contracts/C-1/contact")).isTrue();
        assertThat(may(JOB, HttpMethod.DELETE, "/v1/ops/contracts/C-1/contact/")).isTrue();
        assertThat(may(JOB, HttpMethod.POST, "/v1/ops/contracts/C-1/contact")).isFalse();
        assertThat(may(JOB, HttpMethod.PUT, "/v1/ops/contracts/C-1/contact/extra")).isFalse();
        assertThat(may(JOB, HttpMethod.PUT, "/v1/ops/contracts/C-1/unlock")).isFalse();
        assertThat(may(CHANNEL, HttpMethod.PUT, "/v1/ops/contracts/C-1/contact")).isFalse();
        assertThat(may(AUDITOR, HttpMethod.PUT, "/v1/ops/contracts/C-1/contact")).isFalse();
    }

    @Test
    void onlyAnApproverApprovesEvenWithATrailingSlash() {
        for (String path : new String[] {"/v1/ops/contracts/C-1/approvals/r1", "/v1/ops/contracts/C-1/approvals/r1/"}) {
            assertThat(may(APPROVER, HttpMethod.POST, path)).as(path).isTrue();
            assertThat(may(OPERATOR, HttpMethod.POST, path)).as(path).isFalse();
            assertThat(may(AUDITOR, HttpMethod.POST, path)).as(path).isFalse();
        }
    }

    @Test
    void operatorsActApproversAndAuditorsRead() {
        assertThat(may(OPERATOR, HttpMethod.POST, "/v1/ops/contracts/C-1/token-reset")).isTrue();
        assertThat(may(APPROVER, HttpMethod.POST, "/v1/ops/contracts/C-1/token-reset/")).isFalse();
        assertThat(may(AUDITOR, HttpMethod.POST, "/v1/ops/contracts/C-1/unlock")).isFalse();
        assertThat(may(AUDITOR, HttpMethod.GET, "/v1/ops/contracts/C-1")).isTrue();
        assertThat(may(NOBODY, HttpMethod.GET, "/v1/ops/contracts/C-1")).isFalse();
    }

    @Test
    void channelAndStaffStayOnTheirOwnSide() {
        assertThat(may(CHANNEL, HttpMethod.GET, "/v1/ops/topics")).isFalse();
        assertThat(may(CHANNEL, HttpMethod.POST, "/v1/sessions")).isTrue();
        assertThat(may(OPERATOR, HttpMethod.POST, "/v1/sessions")).isFalse();
        assertThat(may(JOB, HttpMethod.POST, "/v1/transfers/authorizations")).isFalse();
    }
}
