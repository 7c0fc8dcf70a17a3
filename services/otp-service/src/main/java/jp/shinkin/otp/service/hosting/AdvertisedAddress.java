package jp.shinkin.otp.service.hosting;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * This instance's address for the others ({@code otp.credentials.advertised-url}): where Kafka
 * Streams tells peers a contract's owner is, where forwarded requests come in, and what the web
 * relay calls.
 */
@ConfigurationProperties("otp.credentials")
public class AdvertisedAddress {
    private String advertisedUrl = "http://localhost:8080";

    public String getAdvertisedUrl() {
        return advertisedUrl;
    }

    public void setAdvertisedUrl(String advertisedUrl) {
        this.advertisedUrl = advertisedUrl;
    }
}
