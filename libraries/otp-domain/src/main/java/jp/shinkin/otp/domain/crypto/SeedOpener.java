package jp.shinkin.otp.domain.crypto;

/** Opens a token's sealed seed for the moment a code is checked. */
@FunctionalInterface
public interface SeedOpener {
    /** @throws SecretUnavailableException when the seed cannot be opened (shredded, tampered) */
    byte[] open(String tokenId, Sealed sealedSeed);
}
