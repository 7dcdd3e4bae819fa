package io.github.rtmpflow.server.cli;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A bare TCP client that does the simple RTMP handshake's first half (C0+C1) and tells whether
 * the server answered with S0+S1+S2 (served) or closed the connection (refused).
 */
final class RawRtmpSocket implements AutoCloseable {

    private static final int HANDSHAKE_PACKET_LENGTH = 1536;
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;

    private RawRtmpSocket(Socket socket) {
        this.socket = socket;
    }

    /** Connects to 127.0.0.1:{@code port}. */
    static RawRtmpSocket connect(int port) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return new RawRtmpSocket(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends C0+C1 (version 3, a simple-handshake C1 of zeros) and reads S0+S1+S2.
     *
     * @return true when the server answered in full, false when it closed the connection
     * @throws AssertionError when the server neither answers nor closes within 20 s
     */
    boolean handshake() {
        byte[] c0c1 = new byte[1 + HANDSHAKE_PACKET_LENGTH];
        c0c1[0] = 3;
        try {
            OutputStream out = socket.getOutputStream();
            out.write(c0c1);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[1 + 2 * HANDSHAKE_PACKET_LENGTH];
            in.readFully(reply);
            if (reply[0] != 3) {
                throw new AssertionError("S0 is not version 3: " + reply[0]);
            }
            return true;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered the handshake nor closed within "
                    + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (EOFException e) {
            return false;
        } catch (IOException e) {
            // Connection reset or broken pipe: the server closed it.
            return false;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }
}
