package jp.shinkin.otp.service.security;

import io.micronaut.http.HttpRequest;
import java.util.Objects;
import java.util.Set;
import jp.shinkin.otp.credentials.Origin;

/**
 * Who is calling, once the filters have checked it: the banking channel (its API key), a machine
 * job (the service key that names it), or a member of the bank's staff (an access token from the
 * staff identity provider). Operations record the caller, never a name the request body gives.
 */
public sealed interface Caller {
    String ATTRIBUTE = "otp.caller";

    /** The origin the commands of this caller carry (and so every event they cause). */
    Origin origin();

    /** The per-caller token bucket's key. */
    String rateKey();

    /** The banking channel, acting for customers. */
    record Channel() implements Caller {
        /** What the channel's commands name as their origin. */
        public static final Origin ORIGIN = Origin.channel("banking-channel");

        @Override
        public Origin origin() {
            return ORIGIN;
        }

        @Override
        public String rateKey() {
            return "channel";
        }
    }

    /** A machine job (bulk and token imports, audit tools), named by configuration; never a person. */
    record ServiceJob(String job) implements Caller {
        public ServiceJob {
            Objects.requireNonNull(job);
        }

        @Override
        public Origin origin() {
            return Origin.job(job);
        }

        @Override
        public String rateKey() {
            return "job:" + job;
        }
    }

    /** A person signed in at the staff identity provider: its subject, display name and roles. */
    record Staff(String subject, String displayName, Set<StaffRole> roles) implements Caller {
        public Staff {
            Objects.requireNonNull(subject);
            Objects.requireNonNull(displayName);
            roles = Set.copyOf(roles);
        }

        public boolean has(StaffRole role) {
            return roles.contains(role);
        }

        @Override
        public Origin origin() {
            return Origin.operator(subject, displayName);
        }

        @Override
        public String rateKey() {
            return "staff:" + subject;
        }
    }

    /** The caller the filters attached to this request (every /v1/ request that reaches a controller has one). */
    static Caller of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class)
                .orElseThrow(() -> new IllegalStateException("no caller on " + request.getPath()));
    }
}
