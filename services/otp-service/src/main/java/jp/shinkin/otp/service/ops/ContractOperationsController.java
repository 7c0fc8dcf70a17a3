package jp.shinkin.otp.service.ops;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import jp.shinkin.otp.credentials.Origin;
import jp.shinkin.otp.credentials.Submission;
import jp.shinkin.otp.domain.contract.ApprovalAction;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.ContractEvent;
import jp.shinkin.otp.domain.contract.ErrorCode;
import jp.shinkin.otp.domain.contract.SuspensionReason;
import jp.shinkin.otp.domain.password.PasswordHasher;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.api.Problem;
import jp.shinkin.otp.service.gateway.FlowAnswers;
import jp.shinkin.otp.service.validation.RequestFields;
import jp.shinkin.otp.service.gateway.ContractOwner;
import jp.shinkin.otp.service.hosting.Decided;
import jp.shinkin.otp.service.routing.Relay;
import jp.shinkin.otp.service.security.AccessPolicy;
import jp.shinkin.otp.service.security.Caller;
import jp.shinkin.otp.service.security.StaffRole;

/**
 * What bank operations do to contracts: open one or many (an operator or the batch job), suspend a
 * lost token at once, ask for a reset or an unlock that another person approves (maker-checker;
 * people only, see AccessPolicy). The caller is
 * the commands' actor, so every resulting event names who did it (subject and display name); the
 * reason is recorded in the event.
 */
@Controller("/v1/ops/contracts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContractOperationsController {
    static final int MAX_BULK = 1_000;

    private final ContractOwner owner;
    private final PasswordHasher hasher;
    private final JsonMapper json;
    private final Duration approvalTtl;

    public ContractOperationsController(ContractOwner owner, PasswordHasher hasher, JsonMapper json,
                                        @Value("${otp.operations.approval-ttl:2h}")
                                        Duration approvalTtl) {
        this.owner = owner;
        this.hasher = hasher;
        this.json = json;
        this.approvalTtl = approvalTtl;
    }

    /** 201 {@code {"contractId","code":"00000"}}; 409 E1010 when the contract exists. */
    @Post
    public MutableHttpResponse<?> open(HttpRequest<?> request, @Nullable @Body OpsRequests.OpenContract body) {
        RequestFields.require(body);
        String contractId = RequestFields.contractId(body.contractId(), "contractId");
        Origin operator = Caller.of(request).origin();
        if ((body.password() == null) == (body.passwordHash() == null)) {
            throw ApiException.badField("password", "give either password or passwordHash (PHC string)");
        }
        String hash = body.passwordHash() != null ? phc(body.passwordHash(), "passwordHash")
                : hasher.hash(RequestFields.password(body.password()).toCharArray());
        OpsRequests.OpenContract hashed = new OpsRequests.OpenContract(contractId, null, hash);
        return owner.atOwner(contractId, request, new Relay("POST", "/v1/ops/contracts", hashed),
                () -> opened(contractId, openLocally(contractId, hash, operator)));
    }

    /**
     * Migration: {@code {"contracts":[{"contractId","passwordHash"}]}} with PHC hashes
     * (Argon2id, bcrypt ≥ 10, PBKDF2-SHA256 ≥ 100,000), at most 1,000 per call. Every entry is checked
     * before any is opened; a bad entry fails the call (E4000 naming it) and nothing is opened.
     * Entries then open one by one; the answer lists each entry's result code (E1010 when it exists).
     */
    @Post("/bulk")
    public MutableHttpResponse<?> bulk(HttpRequest<?> request, @Nullable @Body OpsRequests.BulkOpen body) {
        RequestFields.require(body);
        Origin operator = Caller.of(request).origin();
        List<OpsRequests.BulkEntry> entries = body.contracts();
        if (entries == null || entries.isEmpty() || entries.size() > MAX_BULK) {
            throw ApiException.badField("contracts", "1-" + MAX_BULK + " entries");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            OpsRequests.BulkEntry e = entries.get(i);
            if (e == null) {
                throw ApiException.badField("contracts[" + i + "]", "an object with contractId and passwordHash");
            }
            RequestFields.contractId(e.contractId(), "contracts[" + i + "].contractId");
            phc(e.passwordHash(), "contracts[" + i + "].passwordHash");
            if (!seen.add(e.contractId())) {
                throw ApiException.badField("contracts[" + i + "].contractId", "appears twice in this import");
            }
        }
        List<Map<String, String>> results = new ArrayList<>();
        int opened = 0;
        for (OpsRequests.BulkEntry e : entries) {
            OpsRequests.OpenContract one = new OpsRequests.OpenContract(e.contractId(), null, e.passwordHash());
            MutableHttpResponse<?> answer = owner.atOwner(e.contractId(), request, new Relay("POST", "/v1/ops/contracts", one),
                    () -> opened(e.contractId(), openLocally(e.contractId(), e.passwordHash(), operator)));
            String code = resultCode(answer);
            opened += "00000".equals(code) ? 1 : 0;
            results.add(Map.of("contractId", e.contractId(), "code", code));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("opened", opened);
        answer.put("rejected", entries.size() - opened);
        answer.put("results", results);
        return HttpResponse.ok(answer);
    }

    /** Maker-checker: asks for a reset; another person with the approver role approves it (see {@link #decide}). */
    @Post("/{contractId}/token-reset")
    public MutableHttpResponse<?> reset(HttpRequest<?> request, @PathVariable String contractId,
                                        @Nullable @Body OpsRequests.Action body) {
        return ask(request, contractId, body, ApprovalAction.TOKEN_RESET);
    }

    /** Lost, stolen or uninstalled: the token stops working at once and for good. */
    @Post("/{contractId}/token-suspension")
    public MutableHttpResponse<?> suspend(HttpRequest<?> request, @PathVariable String contractId,
                                          @Nullable @Body OpsRequests.Action body) {
        return act(request, contractId, body, operator -> {
            try {
                return new ContractCommand.SuspendToken(
                        SuspensionReason.valueOf(String.valueOf(body.reason()).toUpperCase(Locale.ROOT)), operator);
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("reason", "one of LOST, STOLEN, UNINSTALLED");
            }
        });
    }

    /** Maker-checker: asks for an unlock, approved like a reset. */
    @Post("/{contractId}/unlock")
    public MutableHttpResponse<?> unlock(HttpRequest<?> request, @PathVariable String contractId,
                                         @Nullable @Body OpsRequests.Action body) {
        return ask(request, contractId, body, ApprovalAction.UNLOCK);
    }

    /**
     * The checker: {@code {"decision":"approve"|"reject","reason"}} from a person with the approver
     * role, never the requester (E1014). Approved, the effect happens at once and its events name
     * both people; too late, nothing happens (E1013).
     */
    @Post("/{contractId}/approvals/{requestId}")
    public MutableHttpResponse<?> decide(HttpRequest<?> request, @PathVariable String contractId, @PathVariable String requestId,
                                         @Nullable @Body OpsRequests.ApprovalDecision body) {
        RequestFields.contractId(contractId, "contractId");
        RequestFields.require(body);
        if (requestId == null || !requestId.matches("[A-Za-z0-9-]{1,64}")) {
            throw ApiException.badField("requestId", "the requestId the request's answer gave");
        }
        boolean approve = switch (String.valueOf(body.decision()).toLowerCase(Locale.ROOT)) {
            case "approve" -> true;
            case "reject" -> false;
            default -> throw ApiException.badField("decision", "approve or reject");
        };
        String reason = body.reason() == null || body.reason().isBlank() ? "" : RequestFields.text(body.reason(), "reason", 256);
        if (!approve && reason.isEmpty()) {
            throw ApiException.badField("reason", "a rejection needs a reason");
        }
        Origin checker = AccessPolicy.requireStaff(Caller.of(request), StaffRole.APPROVER).origin();
        ContractCommand built = new ContractCommand.DecideApproval(requestId, approve, checker.id(),
                checker.name().orElse(checker.id()), reason);
        return owner.atOwner(contractId, request, Relay.as(request, body),
                () -> FlowAnswers.code(owner.decide(Submission.of(contractId, built, checker))));
    }

    /** The maker's half: 202 with the request's ID and time limit; nothing changes until it is approved. */
    private MutableHttpResponse<?> ask(HttpRequest<?> request, String contractId, OpsRequests.Action body, ApprovalAction action) {
        RequestFields.contractId(contractId, "contractId");
        RequestFields.require(body);
        String reason = RequestFields.text(body.reason(), "reason", 256);
        Origin maker = AccessPolicy.requireStaff(Caller.of(request), StaffRole.OPERATOR).origin();
        ContractCommand built = new ContractCommand.RequestApproval(UUID.randomUUID().toString(), action, maker.id(),
                maker.name().orElse(maker.id()), reason, approvalTtl.toSeconds());
        return owner.atOwner(contractId, request, Relay.as(request, body), () -> {
            Decided decided = owner.decide(Submission.of(contractId, built, maker));
            if (!decided.succeeded()) {
                return FlowAnswers.problem(decided);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("code", decided.resultCode().orElseThrow().code());
            answer.put("status", "AWAITING_APPROVAL");
            decided.events().stream().filter(e -> e instanceof ContractEvent.ApprovalRequested)
                    .map(e -> ((ContractEvent.ApprovalRequested) e).request()).findFirst().ifPresent(r -> {
                        answer.put("requestId", r.requestId());
                        answer.put("action", r.action().name());
                        answer.put("expiresAt", r.expiresAt().toString());
                    });
            return HttpResponse.status(HttpStatus.ACCEPTED).body(answer);
        });
    }

    /** One operator action on one contract; the command is built (and its fields checked) before routing. */
    private MutableHttpResponse<?> act(HttpRequest<?> request, String contractId, OpsRequests.Action body,
                                       Function<String, ContractCommand> command) {
        RequestFields.contractId(contractId, "contractId");
        RequestFields.require(body);
        Origin operator = AccessPolicy.requireStaff(Caller.of(request), StaffRole.OPERATOR).origin();
        ContractCommand built = command.apply(operator.id());
        return owner.atOwner(contractId, request, Relay.as(request, body),
                () -> FlowAnswers.code(owner.decide(Submission.of(contractId, built, operator))));
    }

    private Decided openLocally(String contractId, String hash, Origin operator) {
        return owner.decide(Submission.of(contractId, new ContractCommand.OpenContract(hash), operator));
    }

    private static MutableHttpResponse<?> opened(String contractId, Decided decided) {
        if (!decided.succeeded()) {
            return FlowAnswers.problem(decided);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("contractId", contractId);
        answer.put("code", decided.resultCode().orElseThrow().code());
        return HttpResponse.status(HttpStatus.CREATED).body(answer);
    }

    private String phc(String value, String field) {
        if (value == null || value.length() > 512 || !hasher.canVerify(value)) {
            throw ApiException.badField(field, "a PHC string: argon2id, bcrypt (cost >= 10) or pbkdf2-sha256 (i >= 100000)");
        }
        return value;
    }

    /** The result code of an answer given here or relayed (as JSON text) from the owner. */
    private String resultCode(MutableHttpResponse<?> answer) {
        Object body = answer.getBody().orElse(null);
        if (body instanceof Map<?, ?> map && map.get("code") != null) {
            return map.get("code").toString();
        }
        if (body instanceof Problem p) {
            return p.code();
        }
        if (body instanceof String text) {
            try {
                Object code = json.readValue(text, Map.class).get("code");
                return code == null ? ErrorCode.E5030.name() : code.toString();
            } catch (IOException e) {
                return ErrorCode.E5030.name();
            }
        }
        return ErrorCode.E5030.name();
    }
}
