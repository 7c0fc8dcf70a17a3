package jp.shinkin.otp.service.routing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import jp.shinkin.otp.service.api.Problems;

/**
 * With {@code otp.cluster.require-peer-certificate}, a request carrying the forwarding header must
 * have come over TLS with a client certificate issued by the cluster's CA ({@link PeerTls#isClusterPeer};
 * the server's TLS layer, client authentication {@code want}, has checked that its holder has the
 * key): 403 E4030 otherwise, before anything else looks at it. Customers and channels need no certificate.
 */
@ServerFilter("/**")
public class PeerCertificateFilter implements Ordered {
    private final PeerTls tls;

    public PeerCertificateFilter(PeerTls tls) {
        this.tls = tls;
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<?> check(HttpRequest<?> request) {
        if (!tls.requirePeerCertificate() || request.getHeaders().get(ForwardedHeader.NAME) == null
                || request.getCertificate().filter(tls::isClusterPeer).isPresent()) {
            return null;
        }
        return Problems.response("E4030", "a forwarded request needs the cluster's client certificate (mutual TLS)", null);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
