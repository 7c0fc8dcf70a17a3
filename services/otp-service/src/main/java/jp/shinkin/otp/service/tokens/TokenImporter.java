package jp.shinkin.otp.service.tokens;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.shinkin.otp.credentials.Origin;
import jp.shinkin.otp.credentials.TokenIssuance;
import jp.shinkin.otp.domain.token.TokenPlatform;
import jp.shinkin.otp.service.stores.LocalStores;

/**
 * Imports a bank's existing tokens from a PSKC file: every key is checked (format, duplicates in
 * the file, IDs already issued) before anything is written, and all keys are then written in one
 * transaction, so a file is imported whole or not at all. Two imports of the same IDs on two
 * instances within the store's propagation delay (milliseconds) are not caught: import a file once.
 */
@Singleton
public class TokenImporter {
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

    private final TokenIssuer issuer;
    private final TokenPublisher publisher;
    private final LocalStores stores;
    private final Optional<byte[]> preSharedKey;

    public TokenImporter(TokenIssuer issuer, TokenPublisher publisher, LocalStores stores, TokenConfiguration config) {
        this.issuer = issuer;
        this.publisher = publisher;
        this.stores = stores;
        this.preSharedKey = config.importKey();
    }

    /** The imported token IDs, or {@link Refused} listing every problem. */
    public List<String> importFile(byte[] pskc, TokenPlatform platform, Origin operator) {
        PskcDocument.Result read = PskcDocument.read(pskc, preSharedKey);
        List<PskcDocument.EntryProblem> problems = new ArrayList<>(read.problems());
        Set<String> seen = new HashSet<>();
        int entry = 0;
        for (PskcDocument.PskcKey key : read.keys()) {
            entry++;
            String id = key.tokenId().value();
            if (!seen.add(id)) {
                problems.add(new PskcDocument.EntryProblem(entry, id, "the token ID appears twice in the file"));
            } else if (stores.isIssued(id)) {
                problems.add(new PskcDocument.EntryProblem(entry, id, "the token ID is already issued (E1006)"));
            }
        }
        try {
            if (!problems.isEmpty()) {
                throw new Refused(problems);
            }
            List<TokenIssuance> tokens = new ArrayList<>();
            for (PskcDocument.PskcKey key : read.keys()) {
                tokens.add(issuer.seal(key.tokenId(), platform, key.seed(), key.parameters(), operator));
            }
            publisher.publish(tokens);
            // A second import on this instance must see these IDs as taken.
            read.keys().forEach(k -> stores.isIssuedWithin(k.tokenId().value(), VISIBLE_WITHIN));
            return read.keys().stream().map(k -> k.tokenId().value()).toList();
        } finally {
            read.keys().forEach(k -> Arrays.fill(k.seed(), (byte) 0));
        }
    }

    /** The file is refused as a whole; nothing of it was written. */
    public static final class Refused extends RuntimeException {
        private final List<PskcDocument.EntryProblem> problems;

        public Refused(List<PskcDocument.EntryProblem> problems) {
            super(problems.size() + " key package(s) cannot be imported; nothing was imported", null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<PskcDocument.EntryProblem> problems() {
            return problems;
        }
    }
}
