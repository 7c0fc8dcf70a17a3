package jp.shinkin.otp.service.gateway;

import java.util.Optional;
import java.util.function.Predicate;

/** Where a request for one contract (or one key of a store) runs. */
sealed interface Route {
    /** This instance owns it: the work runs here. */
    record Here() implements Route {
    }

    /** Another instance owns it: the request goes on there. */
    record There(String owner) implements Route {
    }

    /** Nobody owns it now (a rebalance), or it moved since a peer forwarded it here: E5030, the client retries. */
    record Nobody() implements Route {
    }

    /**
     * @param forwardedByPeer a cluster peer found this instance to be the owner and forwarded the
     *                        request (a signed header): it runs here unless the key has since moved
     *                        to another instance — never forwarded on, so a request cannot bounce
     * @param owner           the instance that owns the key now, as Kafka Streams' metadata says
     */
    static Route of(boolean forwardedByPeer, Optional<String> owner, Predicate<String> isLocal) {
        if (forwardedByPeer) {
            return owner.isPresent() && !isLocal.test(owner.get()) ? new Nobody() : new Here();
        }
        return owner.<Route>map(o -> isLocal.test(o) ? new Here() : new There(o)).orElseGet(Nobody::new);
    }
}
