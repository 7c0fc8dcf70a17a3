package jp.shinkin.otp.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives {@code POST /v1/verifications} over keep-alive HTTP/1.1 connections on one Netty event
 * loop, so the load generator costs a few tens of microseconds of CPU per request and the box
 * measures the platform, not the client (the JDK's HttpClient cost ~660 µs per request here).
 * Fixed-rate phases are open loop: each request has an intended send time and its latency is
 * measured from then, so a stall shows as latency instead of hiding (no coordinated omission);
 * requests wait in a queue when every connection is busy. The maximum phase is closed loop with a
 * fixed number of connections, one request in flight on each.
 */
final class HttpLoad implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final Bootstrap bootstrap;
    private final URI uri;
    private final String hostHeader;
    private final BenchContracts contracts;
    private final String apiKey;
    private final List<Connection> connections = new ArrayList<>();

    HttpLoad(BenchSettings settings, BenchContracts contracts, int connectionCount) throws InterruptedException {
        this.contracts = contracts;
        this.apiKey = settings.apiKey();
        this.uri = URI.create(settings.baseUrl() + "/v1/verifications");
        this.hostHeader = uri.getHost() + ":" + uri.getPort();
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new Connection());
                    }
                });
        for (int i = 0; i < connectionCount; i++) {
            connections.add(connect());
        }
    }

    private Connection connect() throws InterruptedException {
        Channel ch = bootstrap.connect(uri.getHost(), uri.getPort()).sync().channel();
        return ch.pipeline().get(Connection.class);
    }

    /**
     * Replaces connections the server closed while the benchmark waited (an idle timeout during a
     * long wait for a quiet platform), so a phase starts with every connection open.
     */
    private void reopenClosed() throws InterruptedException {
        for (int i = 0; i < connections.size(); i++) {
            if (!connections.get(i).open()) {
                connections.set(i, connect());
            }
        }
    }

    /** One answer: its HTTP status (-1 when the connection failed) and whether it said ACCEPTED. */
    interface Answered {
        void answered(int status, boolean accepted);
    }

    /** One keep-alive connection with at most one request in flight. */
    private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
        private Channel channel;
        private Answered pending;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        boolean idle() {
            return pending == null && open();
        }

        boolean open() {
            return channel != null && channel.isActive();
        }

        void send(String key, String body, Answered answered) {
            pending = answered;
            ByteBuf content = ByteBufUtil.writeUtf8(channel.alloc(), body);
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri.getRawPath(), content);
            request.headers().set(HttpHeaderNames.HOST, hostHeader)
                    .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + key)
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            channel.writeAndFlush(request);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Answered a = pending;
            pending = null;
            int status = response.status().code();
            boolean accepted = status == 200 && response.content().toString(StandardCharsets.US_ASCII).contains("ACCEPTED");
            if (a != null) {
                a.answered(status, accepted);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
            fail();
        }

        private void fail() {
            Answered a = pending;
            pending = null;
            if (a != null) {
                a.answered(-1, false);
            }
        }
    }

    private String body(int contract) {
        return "{\"contractId\":\"" + contracts.contractIds[contract] + "\",\"otp\":\"" + contracts.code(contract, Instant.now())
                + "\",\"purpose\":\"LOGIN\",\"context\":{\"clientIp\":\"192.0.2.10\",\"deviceId\":\"bench\"}}";
    }

    /** Each contract at most once: the phase ends early if it runs out of contracts. */
    PhaseResult fixedRate(String name, int rate, int seconds, int firstContract) throws InterruptedException {
        int span = contracts.contractIds.length - firstContract;
        return fixedRate(name, Math.min(rate, span / seconds), seconds, firstContract, span);
    }

    /**
     * As above, cycling over {@code span} contracts (after the first round, codes are replays: E1008).
     * Pacing runs on the event loop itself, a tick each millisecond sending every request due by
     * then: no thread wakes per request and no other thread wakes the loop (that hand-over cost
     * the generator ~130 µs of CPU per request at 2,000/s). Latency still counts from each
     * request's own intended time, so the tick's up-to-1-ms delay is measured, not hidden.
     */
    PhaseResult fixedRate(String name, int rate, int seconds, int firstContract, int span) throws InterruptedException {
        reopenClosed();
        int total = rate * seconds;
        Recorder recorder = new Recorder(3);
        Counters counters = new Counters();
        CountDownLatch done = new CountDownLatch(total);
        ArrayDeque<Job> queue = new ArrayDeque<>(); // touched on the event loop only
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int[] next = {0}; // event loop only
        ScheduledFuture<?> ticks = loop.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (; next[0] < total && start + next[0] * intervalNanos <= now; next[0]++) {
                long intended = start + next[0] * intervalNanos;
                queue.add(new Job(firstContract + next[0] % span, (status, accepted) -> {
                    recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
                    counters.count(status, accepted);
                    done.countDown();
                }));
            }
            drain(queue);
        }, 0, 1, TimeUnit.MILLISECONDS);
        done.await(seconds + 120L, TimeUnit.SECONDS);
        ticks.cancel(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        counters.unanswered = done.getCount();
        return counters.result(name, rate, total / elapsed, recorder.getIntervalHistogram());
    }

    /** A request waiting for its turn: which contract, and who wants the answer. */
    private record Job(int contract, Answered answered) {
    }

    /** Sends queued requests on idle connections; each answer looks for the next. Event loop only. */
    private void drain(ArrayDeque<Job> queue) {
        for (Connection c : connections) {
            if (queue.isEmpty()) {
                return;
            }
            if (c.idle()) {
                Job job = queue.poll();
                c.send(apiKey, body(job.contract()), (status, accepted) -> {
                    job.answered().answered(status, accepted);
                    drain(queue);
                });
            }
        }
    }

    /** Closed loop on {@code concurrency} connections for {@code seconds}, each contract once. */
    PhaseResult maximum(String name, int seconds, int concurrency, int firstContract) throws InterruptedException {
        return closedLoop(name, seconds, concurrency, apiKey, i -> firstContract + i < contracts.contractIds.length
                ? firstContract + i : -1);
    }

    /**
     * The HTTP floor: the same endpoint, the same load, answered 401 by the API-key filter before
     * any Kafka work. What the platform costs beyond it is the verification itself.
     */
    PhaseResult floor(String name, int seconds, int concurrency) throws InterruptedException {
        return closedLoop(name, seconds, concurrency, "bench-unknown-key", i -> i % contracts.contractIds.length);
    }

    private PhaseResult closedLoop(String name, int seconds, int concurrency, String key, IntUnaryOperator contractOf)
            throws InterruptedException {
        reopenClosed();
        Recorder recorder = new Recorder(3);
        Counters counters = new Counters();
        AtomicLong next = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int workers = Math.min(concurrency, connections.size());
        CountDownLatch finished = new CountDownLatch(workers);
        long start = System.nanoTime();
        loop.execute(() -> {
            for (int w = 0; w < workers; w++) {
                sendNext(connections.get(w), key, contractOf, next, end, recorder, counters, completed, finished);
            }
        });
        if (!finished.await(seconds + 60L, TimeUnit.SECONDS)) {
            counters.unanswered = finished.getCount();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return counters.result(name, 0, completed.get() / elapsed, recorder.getIntervalHistogram());
    }

    private void sendNext(Connection c, String key, IntUnaryOperator contractOf, AtomicLong next, long end, Recorder recorder,
                          Counters counters, AtomicLong completed, CountDownLatch finished) {
        int contract = contractOf.applyAsInt((int) next.getAndIncrement());
        if (System.nanoTime() >= end || contract < 0 || !c.idle()) {
            finished.countDown();
            return;
        }
        long sent = System.nanoTime();
        c.send(key, body(contract), (status, accepted) -> {
            recorder.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
            counters.count(status, accepted);
            completed.incrementAndGet();
            sendNext(c, key, contractOf, next, end, recorder, counters, completed, finished);
        });
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Answers by kind; touched on the event loop only. */
    private static final class Counters {
        long accepted;
        long rejected;
        long errors;
        /** Requests still unanswered when the phase gave up on them: failures too. */
        long unanswered;
        final Map<Integer, Long> statuses = new TreeMap<>();

        void count(int status, boolean wasAccepted) {
            statuses.merge(status, 1L, Long::sum);
            if (status != 200) {
                errors++;
            } else if (wasAccepted) {
                accepted++;
            } else {
                rejected++;
            }
        }

        PhaseResult result(String name, int rate, double achieved, Histogram histogram) {
            Map<Integer, Long> byStatus = new TreeMap<>(statuses);
            if (unanswered > 0) {
                byStatus.merge(-1, unanswered, Long::sum);
            }
            return new PhaseResult(name, rate, achieved, accepted + rejected + errors + unanswered, accepted, rejected,
                    errors + unanswered, Map.copyOf(byStatus), histogram, Map.of());
        }
    }
}
