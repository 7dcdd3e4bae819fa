package io.github.rtmpflow.server;

import java.io.IOException;

/**
 * The RTMPS certificate or key cannot be used: a file is missing or unreadable, a key is
 * encrypted or in an unknown form, the key does not belong to the certificate, a keystore
 * password is wrong. The message names the file and, for key forms, the {@code openssl}
 * conversion; it is fit to show to a user as it is.
 */
public final class TlsCredentialsException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a user-facing {@code message} and its {@code cause}. */
    public TlsCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
