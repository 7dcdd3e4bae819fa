package io.github.rtmpflow.core.chunk;

/**
 * Decides when an Acknowledgement (type 3) is due, so a receiver cannot forget to send one.
 *
 * <p>SPEC: 5.4.3/5.4.4: once the peer set a Window Acknowledgement Size, the receiver
 * acknowledges each time it has received another window's worth of bytes since its last
 * acknowledgement; the sequence number is the number of bytes received so far. The caller
 * counts the bytes (normally everything read from the socket since the connection opened,
 * handshake included, as nginx-rtmp and FFmpeg do) and reports the running total after each
 * read. A window of 0 (the initial state, or set by the peer) means never acknowledge.
 * Not thread-safe.
 */
public final class AcknowledgementWindow {

    private long windowSize;
    private long lastAcknowledged;
    private long toAcknowledge = -1;

    /** Creates a window of size 0: no acknowledgements until {@link #setWindowSize}. */
    public AcknowledgementWindow() {
    }

    /**
     * Sets the window the peer announced (Window Acknowledgement Size), an unsigned 32-bit
     * value; 0 disables acknowledgements. Bytes counted so far stay counted.
     *
     * @throws IllegalArgumentException when {@code size} is outside 0..2^32-1
     */
    public void setWindowSize(long size) {
        if (size < 0 || size > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("window size out of range: size=" + size);
        }
        windowSize = size;
    }

    /** Returns the current window size in bytes, 0 when acknowledgements are off. */
    public long windowSize() {
        return windowSize;
    }

    /**
     * Reports the running total of bytes received.
     *
     * @param totalBytes all bytes received so far (monotonic)
     * @return true when an Acknowledgement is due now; its sequence number is then
     *     {@link #sequenceNumberToAck()}. Several windows crossed at once give one
     *     acknowledgement of the total.
     * @throws IllegalArgumentException when {@code totalBytes} goes backwards
     */
    public boolean onBytesReceived(long totalBytes) {
        if (totalBytes < lastAcknowledged) {
            throw new IllegalArgumentException("totalBytes went backwards: totalBytes=" + totalBytes
                    + " lastAcknowledged=" + lastAcknowledged);
        }
        if (windowSize == 0 || totalBytes - lastAcknowledged < windowSize) {
            return false;
        }
        lastAcknowledged = totalBytes;
        toAcknowledge = totalBytes & 0xFFFF_FFFFL;
        return true;
    }

    /**
     * Returns the sequence number for the Acknowledgement that {@link #onBytesReceived}
     * last asked for: the total bytes received mod 2^32; -1 before the first.
     */
    public long sequenceNumberToAck() {
        return toAcknowledge;
    }
}
