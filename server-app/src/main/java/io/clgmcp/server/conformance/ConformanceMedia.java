package io.clgmcp.server.conformance;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The small, valid media files the fixtures return. */
final class ConformanceMedia {
    static final String PNG_MIME_TYPE = "image/png";
    static final String WAV_MIME_TYPE = "audio/wav";

    /** A 1x1 red PNG (RGBA), every chunk's CRC correct. */
    private static final String RED_PIXEL_PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    private static final int WAV_SAMPLE_RATE = 8000;
    private static final int WAV_SAMPLES = 8;

    private ConformanceMedia() {}

    static byte[] png() {
        return Base64.getDecoder().decode(RED_PIXEL_PNG_BASE64);
    }

    /** One millisecond of silence: 8 samples of 16-bit mono PCM at 8 kHz, in a RIFF/WAVE file. */
    static byte[] wav() {
        int bytesPerSample = 2;
        int dataSize = WAV_SAMPLES * bytesPerSample;
        ByteBuffer wav = ByteBuffer.allocate(44 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataSize);
        wav.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        wav.putShort((short) 1) // PCM
                .putShort((short) 1) // mono
                .putInt(WAV_SAMPLE_RATE)
                .putInt(WAV_SAMPLE_RATE * bytesPerSample) // byte rate
                .putShort((short) bytesPerSample) // block align
                .putShort((short) 16); // bits per sample
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataSize);
        return wav.array(); // the samples are the zeroes the buffer starts with
    }
}
