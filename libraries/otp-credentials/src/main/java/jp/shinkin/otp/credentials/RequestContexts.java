package jp.shinkin.otp.credentials;

import java.util.Optional;
import jp.shinkin.otp.wire.RequestContext;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** The channel-supplied request context a command may carry, for the events it causes. */
public final class RequestContexts {
    private RequestContexts() {
    }

    public static Optional<RequestContext> of(SpecificRecord command) {
        Schema.Field field = command.getSchema().getField("context");
        return field == null ? Optional.empty() : Optional.ofNullable((RequestContext) command.get(field.pos()));
    }
}
