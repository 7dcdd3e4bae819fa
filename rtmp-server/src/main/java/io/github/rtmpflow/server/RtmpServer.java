package io.github.rtmpflow.server;

import io.github.rtmpflow.core.chunk.BoundedBudget;
import io.github.rtmpflow.core.chunk.BufferBudget;
import io.github.rtmpflow.core.session.ServerSessionConfig;
import io.github.rtmpflow.flv.FanoutOptions;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.TagSubscription;
import io.github.rtmpflow.server.internal.ConnectionLimiter;
import io.github.rtmpflow.server.internal.NameValidator;
import io.github.rtmpflow.server.internal.RecordingManager;
import io.github.rtmpflow.server.internal.ServerContext;
import io.github.rtmpflow.server.internal.ServerRuntime;
import io.github.rtmpflow.server.internal.StreamRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * An embeddable RTMP ingest server.
 *
 * <pre>{@code
 * RtmpServer server = RtmpServer.builder()
 *         .bind(new InetSocketAddress(1935))
 *         .authorizer(request -> secret.equals(request.queryParam("key"))
 *                 ? Decision.allow() : Decision.deny("bad key"))
 *         .onPublish(stream -> stream.subscribe(mySubscriber, SubscribeOptions.defaults()))
 *         .recordDirectory(Path.of("recordings"))
 *         .start();
 * server.streams();   // what is live, with statistics
 * server.close();     // graceful
 * }</pre>
 *
 * <p>Every connection is read continuously by its event loop whatever its consumers do; slow
 * consumers are handled by their own bounded queues and overflow policies. Thread-safe.
 */
public final class RtmpServer implements AutoCloseable {

    private final ServerRuntime runtime;

    private RtmpServer(ServerRuntime runtime) {
        this.runtime = runtime;
    }

    /** Returns a builder with safe defaults: port 1935 on all interfaces, everyone allowed. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the address the server listens on, with the actual port (useful with port 0). */
    public InetSocketAddress localAddress() {
        return runtime.localAddress();
    }

    /**
     * Returns the address the RTMPS listener listens on, with the actual port, or empty when
     * the server has none (see {@link Builder#rtmps(TlsOptions)}).
     */
    public Optional<InetSocketAddress> rtmpsAddress() {
        return Optional.ofNullable(runtime.tlsAddress());
    }

    /** Returns the live streams, each with its {@link LiveStream#statistics()}. */
    public List<LiveStream> streams() {
        return runtime.context().registry().live();
    }

    /** Returns the live stream {@code app/name}, if one is publishing. */
    public Optional<LiveStream> stream(String app, String name) {
        return runtime.context().registry().find(app, name);
    }

    /**
     * Subscribes to the stream name {@code app/name}, before or during a publish session: the
     * subscription lives across sessions until cancelled or the server closes (then it
     * completes). Each new session starts with its metadata and sequence headers; a subscriber
     * that also implements {@link io.github.rtmpflow.flv.DiscontinuityListener} is told when a
     * session it received ended.
     *
     * @throws IllegalArgumentException when {@code app} or {@code name} is not a valid name
     */
    public TagSubscription subscribe(String app, String name, Flow.Subscriber<? super FlvTag> subscriber,
            SubscribeOptions options) {
        requireValidName("app", app);
        requireValidName("name", name);
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(options, "options");
        return runtime.context().registry().subscribe(app, name, subscriber, options);
    }

    /** Returns the number of open connections (publishers, players, and those in the handshake). */
    public int openConnections() {
        return runtime.openConnections();
    }

    /**
     * Closes gracefully: stops accepting, ends every publish session (its subscribers complete),
     * completes name subscriptions, finishes the recordings, closes the sockets and stops the
     * threads. Blocks until done; idempotent.
     */
    @Override
    public void close() {
        runtime.close();
    }

    /**
     * Closes after a drain: stops accepting, sends NetConnection.Connect.ReconnectRequest to
     * every client whose connect announced Enhanced RTMP capsEx Reconnect (others are left
     * alone: they would not understand it; FFmpeg 7.1 does not announce it), waits until every
     * stream has ended or {@code drain} passed, then {@link #close()}s. For SIGTERM handlers.
     */
    public void close(Duration drain) {
        close(drain, null);
    }

    /**
     * Like {@link #close(Duration)}, with the {@code tcUrl} the clients should reconnect to
     * (another instance), sent in the ReconnectRequest's info object; null lets them reconnect
     * to the URL they used (behind a load balancer, another instance answers).
     */
    public void close(Duration drain, String reconnectTcUrl) {
        Objects.requireNonNull(drain, "drain");
        runtime.drainAndClose(drain.toMillis(), reconnectTcUrl);
    }

    private static void requireValidName(String what, String value) {
        String problem = NameValidator.problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid " + what + ": " + problem);
        }
    }

    /** Configures and starts an {@link RtmpServer}. Not thread-safe; reusable. */
    public static final class Builder {
        private InetSocketAddress bind = new InetSocketAddress(1935);
        private int eventLoops = Runtime.getRuntime().availableProcessors();
        private ServerLimits limits = ServerLimits.DEFAULTS;
        private ServerTimeouts timeouts = ServerTimeouts.DEFAULTS;
        private TimeSource timeSource = TimeSource.system();
        private AsyncAuthorizer authorizer = AsyncAuthorizer.of(Authorizer.ALLOW_ALL);
        private final List<Consumer<LiveStream>> onPublish = new ArrayList<>();
        private final List<Consumer<LiveStream>> onUnpublish = new ArrayList<>();
        private Path recordDirectory;
        private SubscribeOptions recordingOptions = RecordingManager.DEFAULT_OPTIONS;
        private FanoutOptions fanoutOptions = FanoutOptions.DEFAULTS;
        private int chunkSize = ServerSessionConfig.DEFAULTS.chunkSize();
        private TlsOptions rtmps;

        private Builder() {
        }

        /** Sets the address to listen on (port 0: any free port, see {@link RtmpServer#localAddress()}). */
        public Builder bind(InetSocketAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Sets the number of event loops (default: available processors). */
        public Builder eventLoops(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("eventLoops must be positive: eventLoops=" + count);
            }
            this.eventLoops = count;
            return this;
        }

        /** Sets the connection, stream and protocol limits (default {@link ServerLimits#DEFAULTS}). */
        public Builder limits(ServerLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** Sets the timeouts (default {@link ServerTimeouts#DEFAULTS}). */
        public Builder timeouts(ServerTimeouts value) {
            this.timeouts = Objects.requireNonNull(value, "timeouts");
            return this;
        }

        /** Sets the clock of the timeouts (default {@link TimeSource#system()}); for tests. */
        public Builder timeSource(TimeSource value) {
            this.timeSource = Objects.requireNonNull(value, "timeSource");
            return this;
        }

        /** Sets a synchronous authorizer, called on the event loop (default: allow all). */
        public Builder authorizer(Authorizer value) {
            this.authorizer = AsyncAuthorizer.of(Objects.requireNonNull(value, "authorizer"));
            return this;
        }

        /** Sets an asynchronous authorizer, for decisions that need I/O (default: allow all). */
        public Builder asyncAuthorizer(AsyncAuthorizer value) {
            this.authorizer = Objects.requireNonNull(value, "authorizer");
            return this;
        }

        /**
         * Adds a callback for every publish session that starts, called on the publisher's event
         * loop right after NetStream.Publish.Start is queued, before any tag: subscribing here
         * receives the whole session. It must not block; one that throws is logged and ignored.
         */
        public Builder onPublish(Consumer<LiveStream> listener) {
            onPublish.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Adds a callback for every publish session that ends, on the publisher's event loop. */
        public Builder onUnpublish(Consumer<LiveStream> listener) {
            onUnpublish.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Records every publish session to {@code <dir>/<app>/<name>.flv}; a later session of the
         * same name gets {@code <name>-1.flv}, {@code <name>-2.flv}, ...: nothing is overwritten.
         * Null (the default) records nothing.
         */
        public Builder recordDirectory(Path directory) {
            this.recordDirectory = directory;
            return this;
        }

        /** Sets how recorders subscribe (queue bounds, policy, executor); default: large queue, drop until keyframe. */
        public Builder recordingOptions(SubscribeOptions options) {
            this.recordingOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets the bounds of the late-joiner (GOP) caches (default {@link FanoutOptions#DEFAULTS}).
         * Without a {@link io.github.rtmpflow.core.chunk.BufferBudget} of their own, all streams' GOP caches share one of a quarter
         * of the JVM's maximum heap, so what is kept for late joiners stays bounded however many
         * streams are live.
         */
        public Builder fanoutOptions(FanoutOptions options) {
            this.fanoutOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets the outbound budget of each RTMP player (see {@link ServerLimits#playerBudgetBytes()}
         * and {@link ServerLimits#maxPlayerQueueBytes()}): beyond {@code budgetBytes} queued for a
         * player its media is dropped until the next keyframe, beyond {@code hardCapBytes} it is
         * disconnected. Defaults 2 MiB and 8 MiB. Applies to the limits set so far: call it after
         * {@link #limits(ServerLimits)}.
         */
        public Builder playerBudget(long budgetBytes, long hardCapBytes) {
            this.limits = limits.withPlayerBudget(budgetBytes, hardCapBytes);
            return this;
        }

        /** Sets the chunk size the server announces and sends with (default 4096). */
        public Builder chunkSize(int size) {
            if (size < 1 || size > 0xFFFFFF) {
                throw new IllegalArgumentException("chunkSize out of range: chunkSize=" + size);
            }
            this.chunkSize = size;
            return this;
        }

        /**
         * Adds an RTMPS listener next to the plain RTMP one, on the same loops, with the same
         * authorizer, limits and timeouts; null (the default) means none. The credentials are
         * loaded by {@link #start()}, which fails with a message naming the file when they are
         * unusable.
         */
        public Builder rtmps(TlsOptions options) {
            this.rtmps = options;
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @return the running server
         * @throws IOException when an address cannot be bound, or the TLS credentials cannot be
         *     read or used (the message says which file and why)
         */
        public RtmpServer start() throws IOException {
            ServerSessionConfig sessionConfig = ServerSessionConfig.DEFAULTS.withChunkSize(chunkSize)
                    .withMaxMessageStreams(limits.maxStreamsPerConnection())
                    .withLimits(limits.protocol());
            FanoutOptions fanouts = fanoutOptions.gopBudget() != BufferBudget.UNLIMITED ? fanoutOptions
                    : fanoutOptions.withGopBudget(new BoundedBudget(Runtime.getRuntime().maxMemory() / 4));
            StreamRegistry registry = new StreamRegistry(limits.maxStreams(), timeouts.publisherIdle().toNanos(),
                    timeSource, fanouts);
            RecordingManager recordings = recordDirectory == null ? null
                    : new RecordingManager(recordDirectory, recordingOptions);
            ServerContext ctx = new ServerContext(timeSource, timeSource.nanoTime(), limits, timeouts, sessionConfig,
                    authorizer, onPublish, onUnpublish, registry, recordings, new ConnectionLimiter(limits));
            ServerRuntime runtime = new ServerRuntime(ctx, bind, eventLoops, rtmps);
            runtime.start();
            return new RtmpServer(runtime);
        }
    }
}
