package jp.shinkin.otp.platform.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Port checks, so a busy port is a one-line error before anything starts. */
public final class Ports {
    private Ports() {
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as servers bind: a port held only by TIME_WAIT sockets is free
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port the OS considers free right now (for tests). */
    public static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /**
     * {@code count} different ports the OS considers free right now (for tests): drawn while the
     * earlier ones are still held, so no two are the same.
     */
    public static int[] distinctFree(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket we opened
                }
            }
        }
    }

    /**
     * The first of {@code length} consecutive free ports (for tests: a three-node cluster's ports),
     * drawn below the range Linux hands out for outgoing connections, so no client takes one meanwhile.
     */
    public static int freeRun(int length) {
        Random random = new Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = 20_000 + random.nextInt(12_000);
            boolean free = true;
            for (int p = first; p < first + length && free; p++) {
                free = isFree(p);
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + length + " consecutive free ports");
    }
}
