package jp.shinkin.otp.service.notices;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.shinkin.otp.credentials.Origin;
import jp.shinkin.otp.credentials.Submission;
import jp.shinkin.otp.domain.contract.ContractCommand;
import jp.shinkin.otp.domain.contract.NoticeLanguage;
import jp.shinkin.otp.domain.crypto.Sealed;
import jp.shinkin.otp.service.api.ApiException;
import jp.shinkin.otp.service.gateway.FlowAnswers;
import jp.shinkin.otp.service.validation.RequestFields;
import jp.shinkin.otp.service.gateway.ContractOwner;
import jp.shinkin.otp.service.ops.OpsRequests;
import jp.shinkin.otp.service.routing.Relay;
import jp.shinkin.otp.service.security.Caller;
import jp.shinkin.otp.service.tokens.TokenPublisher;

/**
 * Where a customer's notices go, as the bank records it from the customer's own form: {@code PUT}
 * an e-mail address and a language, {@code DELETE} to erase it. The address is sealed under a
 * fresh data key, the key is made durable, then the single writer records the sealed address and
 * destroys the key of the one it replaces; the address itself is never echoed, logged or shown.
 */
@Controller("/v1/ops/contracts/{contractId}/contact")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NoticeContactController {
    private static final int MAX_ADDRESS = 254;
    /** Plain ASCII addresses only (dot-atom local part, dotted domain): nothing an SMTP dialogue could misread. */
    private static final Pattern PLAIN_ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private final ContractOwner owner;
    private final NoticeAddresses addresses;
    private final TokenPublisher keys;

    public NoticeContactController(ContractOwner owner, NoticeAddresses addresses, TokenPublisher keys) {
        this.owner = owner;
        this.addresses = addresses;
        this.keys = keys;
    }

    /** {@code {"email","language":"ja"|"en"}} → {@code 00000}; E1004 for an unknown contract. */
    @Put
    public MutableHttpResponse<?> set(HttpRequest<?> request, @PathVariable String contractId,
                                      @Nullable @Body OpsRequests.Contact body) {
        RequestFields.contractId(contractId, "contractId");
        RequestFields.require(body);
        String email = email(body.email());
        NoticeLanguage language = language(body.language());
        Origin operator = Caller.of(request).origin();
        return owner.atOwner(contractId, request, Relay.as(request, body), () -> {
            NoticeAddresses.SealedAddress sealed = addresses.seal(contractId, email);
            keys.publishKey(sealed.key());
            return record(contractId, Optional.of(sealed.address()), language, operator);
        });
    }

    /** Erases the address: its data key is destroyed, so no copy of it can be read again. */
    @Delete
    public MutableHttpResponse<?> erase(HttpRequest<?> request, @PathVariable String contractId) {
        RequestFields.contractId(contractId, "contractId");
        Origin operator = Caller.of(request).origin();
        return owner.atOwner(contractId, request, Relay.as(request, null),
                () -> record(contractId, Optional.empty(), NoticeLanguage.JA, operator));
    }

    private MutableHttpResponse<?> record(String contractId, Optional<Sealed> address, NoticeLanguage language, Origin operator) {
        return FlowAnswers.code(owner.decide(Submission.of(contractId,
                new ContractCommand.SetContact(address, language, operator.id()), operator)));
    }

    private static String email(String value) {
        String problem = "an e-mail address (local@domain, at most " + MAX_ADDRESS + " characters)";
        if (value == null || value.length() > MAX_ADDRESS || !PLAIN_ADDRESS.matcher(value).matches()) {
            throw ApiException.badField("email", problem);
        }
        try {
            InternetAddress parsed = new InternetAddress(value, true);
            parsed.validate();
            String domain = value.substring(value.lastIndexOf('@') + 1);
            if (!value.equals(parsed.getAddress()) || !domain.contains(".") || parsed.getPersonal() != null) {
                throw ApiException.badField("email", problem);
            }
        } catch (AddressException e) {
            throw ApiException.badField("email", problem);
        }
        return value;
    }

    private static NoticeLanguage language(String value) {
        if (value == null || value.isBlank()) {
            return NoticeLanguage.JA;
        }
        return NoticeLanguage.ofTag(value).orElseThrow(() -> ApiException.badField("language", "ja or en"));
    }
}
