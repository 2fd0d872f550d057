package io.clgmcp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 request over a plain socket, for the tests that must control the connection itself:
 * read only as far as they choose, never read again, or reset the connection mid-response. Reads
 * are bounded by {@link TestServer#TIMEOUT}.
 */
public final class RawHttp implements AutoCloseable {
    /** What ends a chunked response: the last, empty chunk. */
    private static final String LAST_CHUNK = "\r\n0\r\n\r\n";

    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /**
     * Connects to the server at that base URI with a receive buffer of about that many bytes (0 for
     * the system's default); a small one fills sooner when the test stops reading.
     */
    public static RawHttp connect(URI base, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.setSoTimeout((int) TestServer.TIMEOUT.toMillis());
        socket.connect(
                new InetSocketAddress(base.getHost(), base.getPort()),
                (int) TestServer.TIMEOUT.toMillis());
        return new RawHttp(socket);
    }

    /** Sends a request with a JSON body (none if null) and these headers (name, value, ...). */
    public RawHttp send(String method, String path, String json, String... headers)
            throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head =
                new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (json != null) {
            head.append("Content-Type: application/json\r\n");
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Reads until what has arrived so far (head, chunk sizes and all) matches the pattern, and
     * returns the match's first group, or the whole match if it has none; fails if the connection
     * ends or stays silent first.
     */
    public String await(Pattern pattern) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            Matcher matcher = pattern.matcher(received.toString(StandardCharsets.UTF_8));
            if (matcher.find()) {
                return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
            }
            int read = in.read(buffer);
            if (read < 0) {
                throw new AssertionError("the connection ended before " + pattern + ": " + this);
            }
            received.write(buffer, 0, read);
        }
    }

    /** Resets the connection, as a client that vanishes mid-response. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /**
     * Reads whatever the server still sends until it ends the response, with its last chunk or by
     * closing or resetting the connection; false if it did neither within {@link
     * TestServer#TIMEOUT}.
     */
    public boolean readToEnd() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        String tail = "";
        long deadline = System.nanoTime() + TestServer.TIMEOUT.toNanos();
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                tail += new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                tail = tail.substring(Math.max(0, tail.length() - LAST_CHUNK.length()));
                if (tail.equals(LAST_CHUNK)) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
            }
            return true;
        } catch (SocketTimeoutException silent) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return received.toString(StandardCharsets.UTF_8);
    }
}
