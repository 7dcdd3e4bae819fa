package io.github.rtmpflow.server.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificate chains and private keys. Keys may be PKCS#8 ({@code PRIVATE KEY}),
 * PKCS#1 RSA ({@code RSA PRIVATE KEY}) or SEC1 EC ({@code EC PRIVATE KEY}); the last two are
 * wrapped into PKCS#8 here, so the JDK's key factories read them. Other forms fail with a
 * message that names the file and the {@code openssl pkcs8 -topk8 -nocrypt} conversion.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** rsaEncryption, 1.2.840.113549.1.1.1, with its NULL parameters. */
    private static final byte[] RSA_ALGORITHM = Der.encode(Der.SEQUENCE,
            Der.encode(Der.OBJECT_IDENTIFIER, new byte[] {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D,
                0x01, 0x01, 0x01}),
            Der.encode(Der.NULL));
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    private static final byte[] EC_PUBLIC_KEY_OID = Der.encode(Der.OBJECT_IDENTIFIER,
            new byte[] {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01});
    private static final byte[] VERSION_0 = Der.encode(Der.INTEGER, new byte[] {0});
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS", "XDH", "DSA"};

    private PemFiles() {
    }

    /** Returns the certificates of a PEM file, in file order (the server's own first). */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("cannot read certificate in " + file + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException("no certificate (-----BEGIN CERTIFICATE-----) in " + file);
        }
        return chain;
    }

    /** Returns the private key of a PEM file (the first key block; certificates are skipped). */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        for (Block block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    return pkcs8(file, block.der());
                case "RSA PRIVATE KEY":
                    requireUnencrypted(file, block);
                    return pkcs8(file, wrapPkcs1(block.der()));
                case "EC PRIVATE KEY":
                    requireUnencrypted(file, block);
                    return pkcs8(file, wrapSec1(file, block.der()));
                case "ENCRYPTED PRIVATE KEY":
                    throw new IOException("encrypted private key in " + file + " is not supported"
                            + conversionHint(file));
                case "CERTIFICATE":
                case "EC PARAMETERS":
                    break;
                default:
                    throw new IOException("unsupported private key form '" + block.type() + "' in " + file
                            + conversionHint(file));
            }
        }
        throw new IOException("no private key (-----BEGIN PRIVATE KEY-----) in " + file + conversionHint(file));
    }

    /** Returns the hint that converts any key OpenSSL reads into unencrypted PKCS#8. */
    static String conversionHint(Path file) {
        return "; convert it to unencrypted PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + file
                + " -out key-pkcs8.pem";
    }

    private static void requireUnencrypted(Path file, Block block) throws IOException {
        if (block.encrypted()) {
            throw new IOException("encrypted private key in " + file + " is not supported" + conversionHint(file));
        }
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException e) {
                // Not this algorithm: try the next.
            } catch (GeneralSecurityException e) {
                // Algorithm not available in this JDK: try the next.
            }
        }
        throw new IOException("cannot read the private key in " + file + conversionHint(file));
    }

    /** PKCS#1 RSAPrivateKey -> PKCS#8 PrivateKeyInfo with the rsaEncryption algorithm. */
    static byte[] wrapPkcs1(byte[] pkcs1) {
        return Der.encode(Der.SEQUENCE, VERSION_0, RSA_ALGORITHM, Der.encode(Der.OCTET_STRING, pkcs1));
    }

    /**
     * SEC1 ECPrivateKey -> PKCS#8 PrivateKeyInfo with id-ecPublicKey and the named curve taken
     * from the key's {@code parameters [0]}.
     */
    static byte[] wrapSec1(Path file, byte[] sec1) throws IOException {
        try {
            Der.Reader key = Der.Reader.of(sec1).next(Der.SEQUENCE).children();
            key.next(Der.INTEGER);
            key.next(Der.OCTET_STRING);
            byte[] curve = null;
            while (key.hasMore()) {
                Der.Element element = key.next();
                if (element.tag() == Der.CONTEXT_0) {
                    curve = element.children().next(Der.OBJECT_IDENTIFIER).encoded();
                }
            }
            if (curve == null) {
                throw new IOException("EC private key in " + file + " names no curve" + conversionHint(file));
            }
            byte[] algorithm = Der.encode(Der.SEQUENCE, EC_PUBLIC_KEY_OID, curve);
            return Der.encode(Der.SEQUENCE, VERSION_0, algorithm, Der.encode(Der.OCTET_STRING, sec1));
        } catch (Der.FormatException e) {
            throw new IOException("malformed EC private key in " + file + ": " + e.getMessage() + conversionHint(file),
                    e);
        }
    }

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            String body = matcher.group(2);
            boolean encrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
            StringBuilder base64 = new StringBuilder(body.length());
            for (String line : body.split("\\R")) {
                // Skip RFC 1421 headers (Proc-Type, DEK-Info) of traditional PEM.
                if (!line.contains(":")) {
                    base64.append(line.strip());
                }
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new IOException("bad base64 in the " + matcher.group(1) + " block of " + file, e);
            }
            blocks.add(new Block(matcher.group(1), der, encrypted));
        }
        return blocks;
    }

    /**
     * One PEM block.
     *
     * @param type the word between BEGIN and the dashes
     * @param der the decoded body
     * @param encrypted whether RFC 1421 headers say it is encrypted
     */
    private record Block(String type, byte[] der, boolean encrypted) {
    }
}
