package jp.shinkin.otp.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time of the platform's processes, from {@code /proc/<pid>/stat} (user + system), so each
 * phase can say what one request cost each process — a figure that holds on any box, unlike a
 * rate. Processes are found by the port they listen on (the service, the broker — inside the
 * launcher's JVM — and the registry); the load generator is this process.
 */
final class ProcessCpu {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private final Map<String, Long> pids = new LinkedHashMap<>();

    private ProcessCpu() {
    }

    /** The processes listening on {@code ports} (name → port), and this one as "load generator". */
    static ProcessCpu of(Map<String, Integer> ports) {
        ProcessCpu cpu = new ProcessCpu();
        ports.forEach((name, port) -> listeningPid(port).ifPresent(pid -> cpu.pids.put(name, pid)));
        cpu.pids.put("load generator", ProcessHandle.current().pid());
        return cpu;
    }

    /** CPU seconds so far, per process. */
    Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks(pid).ifPresent(t -> out.put(name, t / (double) TICKS_PER_SECOND)));
        return out;
    }

    /** µs of CPU per request between two readings. */
    static Map<String, Double> perRequest(Map<String, Double> before, Map<String, Double> after, long requests) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((name, s) -> {
            if (before.containsKey(name) && requests > 0) {
                out.put(name, (s - before.get(name)) * 1e6 / requests);
            }
        });
        return out;
    }

    Map<String, Long> pids() {
        return pids;
    }

    private static OptionalLong ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The process with a listening TCP socket on {@code port}, via /proc/net/tcp{,6} and /proc/<pid>/fd. */
    static OptionalLong listeningPid(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        String inode = null;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(hexPort) && "0A".equals(f[3])) {
                        inode = f[9];
                    }
                }
            } catch (IOException e) {
                // no such table here
            }
        }
        if (inode == null) {
            return OptionalLong.empty();
        }
        String socket = "socket:[" + inode + "]";
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (socket.equals(Files.readSymbolicLink(fd).toString())) {
                                return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
                            }
                        } catch (IOException e) {
                            // closed meanwhile
                        }
                    }
                } catch (IOException e) {
                    // not ours to read, or gone
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
