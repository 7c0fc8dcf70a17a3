package jp.shinkin.otp.service.passwords;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Optional;
import jp.shinkin.otp.domain.password.PasswordHasher;
import jp.shinkin.otp.service.stores.LocalStores;
import jp.shinkin.otp.domain.contract.ContractState;

/**
 * Checks a password at the edge against the hash in the owner's store, so no password enters a
 * command: the command carries only whether it matched, and the single writer counts failures.
 * An unknown contract is checked against a dummy hash of the same cost (same answer, same time).
 * Slow by design (Argon2id): call it on the blocking pool.
 */
@Singleton
public class PasswordCheck {
    private final LocalStores stores;
    private final PasswordHasher hasher;

    public PasswordCheck(LocalStores stores, PasswordHasher hasher) {
        this.stores = stores;
        this.hasher = hasher;
    }

    public boolean matches(String contractId, String password) {
        char[] chars = password.toCharArray();
        try {
            Optional<String> hash = stores.contract(contractId).map(ContractState::passwordHash);
            return hasher.verifyOrDummy(hash, chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
