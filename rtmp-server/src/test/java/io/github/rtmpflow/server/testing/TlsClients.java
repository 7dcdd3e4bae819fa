package io.github.rtmpflow.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** TLS clients for tests against self-signed certificates: they trust any server. */
public final class TlsClients {

    private TlsClients() {
    }

    /** Returns a client context that trusts every certificate (tests only). */
    public static SSLContext trustAll() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Connects to 127.0.0.1:{@code port}, offering only {@code protocol} (for example
     * {@code TLSv1.2}), and completes the handshake; 10 s read timeout.
     */
    public static SSLSocket connect(int port, String protocol) throws IOException {
        SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                port);
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {protocol});
        socket.startHandshake();
        return socket;
    }

    /** Returns the certificate the server on {@code port} presents. */
    public static X509Certificate servedCertificate(int port) throws IOException {
        try (SSLSocket socket = connect(port, "TLSv1.3")) {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
