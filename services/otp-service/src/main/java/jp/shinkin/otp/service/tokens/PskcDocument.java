package jp.shinkin.otp.service.tokens;

import io.micronaut.serde.annotation.Serdeable;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import jp.shinkin.otp.domain.otp.HmacAlgorithm;
import jp.shinkin.otp.domain.otp.TotpParameters;
import jp.shinkin.otp.domain.token.TokenId;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads a PSKC key container (RFC 6030) of TOTP tokens: plain secrets (§6.1) or secrets encrypted
 * with a pre-shared AES key (§6.1, aes128/192/256-cbc) whose MAC (§6.1.1, HMAC-SHA1/SHA256 with the
 * encrypted MAC key) is checked before decrypting. Every key package is checked; the result lists
 * each one's problem, so a file is imported whole or not at all. External entities and DTDs are refused.
 */
public final class PskcDocument {
    static final String PSKC = "urn:ietf:params:xml:ns:keyprov:pskc";
    static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    private static final String TOTP = "urn:ietf:params:xml:ns:keyprov:pskc:totp";

    /** One good key: its token ID, seed and parameters. The seed must be wiped after sealing. */
    public record PskcKey(TokenId tokenId, byte[] seed, TotpParameters parameters) {
        @Override
        public String toString() {
            return "PskcKey[tokenId=" + tokenId + "]";
        }
    }

    /** What is wrong with one key package (1-based), never showing its secret. */
    @Serdeable
    public record EntryProblem(int entry, String keyId, String problem) {
    }

    public record Result(List<PskcKey> keys, List<EntryProblem> problems) {
    }

    private PskcDocument() {
    }

    /** @param preSharedKey AES key for encrypted files (16, 24 or 32 bytes), or empty */
    public static Result read(byte[] xml, Optional<byte[]> preSharedKey) {
        Document doc = parse(xml);
        Element root = doc.getDocumentElement();
        if (!"KeyContainer".equals(root.getLocalName()) || !PSKC.equals(root.getNamespaceURI())) {
            throw new InvalidPskc("the document is not a PSKC KeyContainer (" + PSKC + ")");
        }
        Optional<byte[]> macKey = macKey(root, preSharedKey);
        String macAlgorithm = child(root, PSKC, "MACMethod").map(m -> m.getAttribute("Algorithm")).orElse("");
        List<PskcKey> keys = new ArrayList<>();
        List<EntryProblem> problems = new ArrayList<>();
        NodeList packages = root.getElementsByTagNameNS(PSKC, "KeyPackage");
        if (packages.getLength() == 0) {
            throw new InvalidPskc("the container holds no KeyPackage");
        }
        for (int i = 0; i < packages.getLength(); i++) {
            Element pkg = (Element) packages.item(i);
            Element key = child(pkg, PSKC, "Key").orElse(null);
            String keyId = key == null ? "" : key.getAttribute("Id");
            try {
                if (key == null) {
                    throw new InvalidPskc("no Key element");
                }
                keys.add(readKey(pkg, key, keyId, preSharedKey, macKey, macAlgorithm));
            } catch (InvalidPskc e) {
                problems.add(new EntryProblem(i + 1, keyId.length() > 64 ? keyId.substring(0, 64) : keyId, e.getMessage()));
            }
        }
        return new Result(keys, problems);
    }

    private static PskcKey readKey(Element pkg, Element key, String keyId, Optional<byte[]> psk, Optional<byte[]> macKey,
                                   String macAlgorithm) {
        if (!TOTP.equals(key.getAttribute("Algorithm"))) {
            throw new InvalidPskc("Algorithm must be " + TOTP);
        }
        String id = TokenId.isValid(keyId) ? keyId
                : child(pkg, PSKC, "DeviceInfo").flatMap(d -> child(d, PSKC, "SerialNo")).map(Node::getTextContent)
                        .map(String::strip).filter(TokenId::isValid)
                        .orElseThrow(() -> new InvalidPskc("Key Id (or DeviceInfo/SerialNo) must be a token ID: 4 letters and 8 digits"));
        Element params = child(key, PSKC, "AlgorithmParameters").orElse(null);
        int digits = params == null ? 6 : child(params, PSKC, "ResponseFormat").map(f -> integer(f.getAttribute("Length"), "Length"))
                .orElse(6);
        if (digits != 6) {
            throw new InvalidPskc("ResponseFormat Length must be 6: the platform's codes are 6 digits");
        }
        HmacAlgorithm algorithm = params == null ? HmacAlgorithm.SHA1 : child(params, PSKC, "Suite").map(Node::getTextContent)
                .map(PskcDocument::suite).orElse(HmacAlgorithm.SHA1);
        Element data = child(key, PSKC, "Data").orElseThrow(() -> new InvalidPskc("no Data element"));
        int period = child(data, PSKC, "TimeInterval").flatMap(t -> child(t, PSKC, "PlainValue"))
                .map(v -> integer(v.getTextContent().strip(), "TimeInterval")).orElse(30);
        if (period != 30 && period != 60) {
            throw new InvalidPskc("TimeInterval must be 30 or 60 seconds");
        }
        child(data, PSKC, "Time").ifPresent(t -> {
            throw new InvalidPskc("a Time (T0) other than the Unix epoch is not supported");
        });
        Element secret = child(data, PSKC, "Secret").orElseThrow(() -> new InvalidPskc("no Secret element"));
        byte[] seed = secret(secret, psk, macKey, macAlgorithm);
        if (seed.length < 16 || seed.length > 64) {
            throw new InvalidPskc("the secret must be 16-64 bytes (128-512 bits)");
        }
        return new PskcKey(new TokenId(id), seed, new TotpParameters(algorithm, digits, period));
    }

    private static byte[] secret(Element secret, Optional<byte[]> psk, Optional<byte[]> macKey, String macAlgorithm) {
        Optional<Element> plain = child(secret, PSKC, "PlainValue");
        if (plain.isPresent()) {
            return base64(plain.get().getTextContent(), "PlainValue");
        }
        Element encrypted = child(secret, PSKC, "EncryptedValue")
                .orElseThrow(() -> new InvalidPskc("the Secret has neither PlainValue nor EncryptedValue"));
        if (psk.isEmpty()) {
            throw new InvalidPskc("the secret is encrypted but no pre-shared key is configured (otp.tokens.import-key)");
        }
        byte[] cipherValue = cipherValue(encrypted, "EncryptedValue");
        String method = child(encrypted, XENC, "EncryptionMethod").map(m -> m.getAttribute("Algorithm")).orElse("");
        if (macKey.isEmpty()) {
            throw new InvalidPskc("encrypted values need a MACMethod with a MACKey (RFC 6030 §6.1.1)");
        }
        byte[] mac = child(secret, PSKC, "ValueMAC").map(v -> base64(v.getTextContent(), "ValueMAC"))
                .orElseThrow(() -> new InvalidPskc("no ValueMAC for the encrypted secret"));
        if (macKey.get().length == 0 || !MessageDigest.isEqual(mac, hmac(macAlgorithm, macKey.get(), cipherValue))) {
            throw new InvalidPskc("ValueMAC does not match: the file was altered or the pre-shared key is wrong");
        }
        return decrypt(method, psk.get(), cipherValue);
    }

    /** The decrypted MAC key; a wrong pre-shared key is reported on every encrypted entry, not here. */
    private static Optional<byte[]> macKey(Element root, Optional<byte[]> psk) {
        Optional<Element> macKey = child(root, PSKC, "MACMethod").flatMap(m -> child(m, PSKC, "MACKey"));
        if (macKey.isEmpty() || psk.isEmpty()) {
            return Optional.empty();
        }
        String method = child(macKey.get(), XENC, "EncryptionMethod").map(m -> m.getAttribute("Algorithm")).orElse("");
        try {
            return Optional.of(decrypt(method, psk.get(), cipherValue(macKey.get(), "MACKey")));
        } catch (InvalidPskc e) {
            return Optional.of(new byte[0]);
        }
    }

    private static byte[] cipherValue(Element encrypted, String what) {
        return child(encrypted, XENC, "CipherData").flatMap(d -> child(d, XENC, "CipherValue"))
                .map(v -> base64(v.getTextContent(), what + " CipherValue"))
                .orElseThrow(() -> new InvalidPskc(what + " has no xenc:CipherData/CipherValue"));
    }

    private static byte[] decrypt(String method, byte[] key, byte[] ivAndCiphertext) {
        int bits = switch (method) {
            case XENC + "aes128-cbc" -> 128;
            case XENC + "aes192-cbc" -> 192;
            case XENC + "aes256-cbc" -> 256;
            default -> throw new InvalidPskc("unsupported EncryptionMethod (use aes128-cbc, aes192-cbc or aes256-cbc)");
        };
        if (key.length * 8 != bits) {
            throw new InvalidPskc("the pre-shared key is " + key.length * 8 + " bits, the file uses " + bits);
        }
        if (ivAndCiphertext.length < 32 || ivAndCiphertext.length % 16 != 0) {
            throw new InvalidPskc("the encrypted value is not IV + AES-CBC blocks");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(ivAndCiphertext, 0, 16));
            return cipher.doFinal(ivAndCiphertext, 16, ivAndCiphertext.length - 16);
        } catch (GeneralSecurityException e) {
            throw new InvalidPskc("the encrypted value cannot be decrypted with the pre-shared key");
        }
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        String jca = switch (algorithm) {
            case "http://www.w3.org/2000/09/xmldsig#hmac-sha1" -> "HmacSHA1";
            case "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256" -> "HmacSHA256";
            default -> throw new InvalidPskc("unsupported MACMethod (use hmac-sha1 or hmac-sha256)");
        };
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key, jca));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HmacAlgorithm suite(String suite) {
        return switch (suite.strip().toUpperCase(Locale.ROOT)) {
            case "HMAC-SHA1", "SHA1" -> HmacAlgorithm.SHA1;
            case "HMAC-SHA256", "SHA256" -> HmacAlgorithm.SHA256;
            case "HMAC-SHA512", "SHA512" -> HmacAlgorithm.SHA512;
            default -> throw new InvalidPskc("unsupported Suite (HMAC-SHA1, HMAC-SHA256 or HMAC-SHA512)");
        };
    }

    private static int integer(String text, String what) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidPskc(what + " must be a number");
        }
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidPskc(what + " is not valid base64");
        }
    }

    private static Optional<Element> child(Element parent, String ns, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // No DTDs, no external entities: a hostile file cannot read local files or expand entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new InvalidPskc("the document is not well-formed XML without a DTD");
        }
    }

    /** Why a document or one key package cannot be imported. The message never holds a secret. */
    public static final class InvalidPskc extends RuntimeException {
        public InvalidPskc(String message) {
            super(message, null, false, false);
        }
    }
}
