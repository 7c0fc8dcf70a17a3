package jp.shinkin.otp.service.tokens;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Writes PSKC files (RFC 6030) as a token vendor would: plain, or encrypted under a pre-shared AES key. */
public final class PskcFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PskcFiles() {
    }

    /** One key package: an ID and a secret (or a raw XML fragment for hostile cases). */
    public record Entry(String keyId, byte[] secret, int digits, String algorithm) {
        public static Entry totp(String keyId, byte[] secret) {
            return new Entry(keyId, secret, 6, "urn:ietf:params:xml:ns:keyprov:pskc:totp");
        }
    }

    public static String plain(List<Entry> entries) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">\n");
        for (Entry e : entries) {
            xml.append(keyPackage(e, "<Secret><PlainValue>" + Base64.getEncoder().encodeToString(e.secret())
                    + "</PlainValue></Secret>"));
        }
        return xml.append("</KeyContainer>\n").toString();
    }

    /** AES-128-CBC under {@code psk}, HMAC-SHA1 with a random MAC key sent encrypted (RFC 6030 §6.1.1). */
    public static String encrypted(List<Entry> entries, byte[] psk) throws Exception {
        byte[] macKey = new byte[20];
        RANDOM.nextBytes(macKey);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<pskc:KeyContainer Version=\"1.0\" xmlns:pskc=\"urn:ietf:params:xml:ns:keyprov:pskc\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\">\n"
                + "<pskc:EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></pskc:EncryptionKey>\n"
                + "<pskc:MACMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#hmac-sha1\"><pskc:MACKey>"
                + "<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>"
                + "<xenc:CipherData><xenc:CipherValue>" + Base64.getEncoder().encodeToString(encrypt(psk, macKey))
                + "</xenc:CipherValue></xenc:CipherData></pskc:MACKey></pskc:MACMethod>\n");
        for (Entry e : entries) {
            byte[] cipher = encrypt(psk, e.secret());
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(macKey, "HmacSHA1"));
            String secret = "<pskc:Secret><pskc:EncryptedValue>"
                    + "<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>"
                    + "<xenc:CipherData><xenc:CipherValue>" + Base64.getEncoder().encodeToString(cipher)
                    + "</xenc:CipherValue></xenc:CipherData></pskc:EncryptedValue>"
                    + "<pskc:ValueMAC>" + Base64.getEncoder().encodeToString(mac.doFinal(cipher)) + "</pskc:ValueMAC></pskc:Secret>";
            xml.append(keyPackage(e, secret).replace("<KeyPackage>", "<pskc:KeyPackage>").replace("</KeyPackage>", "</pskc:KeyPackage>")
                    .replace("<Key ", "<pskc:Key ").replace("</Key>", "</pskc:Key>")
                    .replace("<AlgorithmParameters>", "<pskc:AlgorithmParameters>")
                    .replace("</AlgorithmParameters>", "</pskc:AlgorithmParameters>")
                    .replace("<ResponseFormat ", "<pskc:ResponseFormat ")
                    .replace("<Data>", "<pskc:Data>").replace("</Data>", "</pskc:Data>")
                    .replace("<TimeInterval><PlainValue>30</PlainValue></TimeInterval>",
                            "<pskc:TimeInterval><pskc:PlainValue>30</pskc:PlainValue></pskc:TimeInterval>"));
        }
        return xml.append("</pskc:KeyContainer>\n").toString();
    }

    private static String keyPackage(Entry e, String secret) {
        return "<KeyPackage><Key Id=\"" + e.keyId() + "\" Algorithm=\"" + e.algorithm() + "\">"
                + "<AlgorithmParameters><ResponseFormat Length=\"" + e.digits() + "\" Encoding=\"DECIMAL\"/></AlgorithmParameters>"
                + "<Data>" + secret + "<TimeInterval><PlainValue>30</PlainValue></TimeInterval></Data></Key></KeyPackage>\n";
    }

    private static byte[] encrypt(byte[] key, byte[] plain) throws Exception {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] body = cipher.doFinal(plain);
        byte[] out = new byte[16 + body.length];
        System.arraycopy(iv, 0, out, 0, 16);
        System.arraycopy(body, 0, out, 16, body.length);
        return out;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
