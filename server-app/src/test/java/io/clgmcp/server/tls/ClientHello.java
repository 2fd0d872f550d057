package io.clgmcp.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A TLS ClientHello written byte by byte, so that a test can offer a protocol version the JDK's own
 * client no longer sends (TLS 1.0, 1.1), and the server's first record in answer. The hello is the
 * same whatever the version: a few ECDHE suites and the extensions TLS 1.2 needs for them.
 */
final class ClientHello {
    static final int TLS_1_0 = 0x0301;
    static final int TLS_1_1 = 0x0302;
    static final int TLS_1_2 = 0x0303;

    private static final int HANDSHAKE = 0x16;
    private static final int ALERT = 0x15;
    private static final int SERVER_HELLO = 0x02;

    private ClientHello() {}

    /** What the server first sent back to a hello of that version. */
    record Answer(int contentType, int first, int second) {
        /** Whether the server went on with the handshake (a ServerHello). */
        boolean isServerHello() {
            return contentType == HANDSHAKE && first == SERVER_HELLO;
        }

        /** Whether the server refused with a fatal alert of that description. */
        boolean isFatalAlert(int description) {
            return contentType == ALERT && first == 2 && second == description;
        }
    }

    /** Sends a hello of that version to the port of 127.0.0.1 and reads the first record back. */
    static Answer send(int port, int version, Duration wait) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) wait.toMillis());
            socket.setSoTimeout((int) wait.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(record(version));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int contentType = in.readUnsignedByte();
            in.readUnsignedShort(); // record version
            in.readUnsignedShort(); // record length
            return new Answer(contentType, in.readUnsignedByte(), in.readUnsignedByte());
        }
    }

    private static byte[] record(int version) {
        byte[] hello = handshake(version);
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        short16(record, TLS_1_0); // what clients put in the first record, whatever they offer
        short16(record, hello.length);
        record.writeBytes(hello);
        return record.toByteArray();
    }

    private static byte[] handshake(int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        short16(body, version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        // ECDHE-ECDSA and ECDHE-RSA, AES-GCM (TLS 1.2) and AES-CBC-SHA (older)
        int[] suites = {0xC02B, 0xC02F, 0xC009, 0xC013};
        short16(body, suites.length * 2);
        for (int suite : suites) {
            short16(body, suite);
        }
        body.write(1); // one compression method: none
        body.write(0);
        byte[] extensions = extensions();
        short16(body, extensions.length);
        body.writeBytes(extensions);

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(1); // client_hello
        int length = body.size();
        handshake.write(length >>> 16);
        short16(handshake, length & 0xFFFF);
        handshake.writeBytes(body.toByteArray());
        return handshake.toByteArray();
    }

    private static byte[] extensions() {
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        // supported_groups: secp256r1
        extension(extensions, 0x000A, new int[] {0x0002, 0x0017});
        // signature_algorithms: ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256
        extension(extensions, 0x000D, new int[] {0x0006, 0x0403, 0x0804, 0x0401});
        // ec_point_formats: uncompressed
        short16(extensions, 0x000B);
        short16(extensions, 2);
        extensions.write(1);
        extensions.write(0);
        return extensions.toByteArray();
    }

    private static void extension(ByteArrayOutputStream out, int type, int[] shorts) {
        short16(out, type);
        short16(out, shorts.length * 2);
        for (int value : shorts) {
            short16(out, value);
        }
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xFF);
    }
}
