package io.clgmcp.client;

/** Hears {@code notifications/progress} for one request. */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param total the value {@code progress} reaches when done, or null when unknown
     * @param message a description for a person, or null
     */
    void onProgress(double progress, Double total, String message);
}
