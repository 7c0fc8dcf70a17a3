package jp.shinkin.otp.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The tool's scratch space on disk (RocksDB, as the platform's own stores), so what it must
 * remember of the log — every contract's state, every command by ID, every token — costs disk, not
 * heap: memory stays fixed whatever the log's length. Fixed-size memtables and cache; no
 * write-ahead log (a crashed run starts again). Deleted when closed.
 */
final class SpillStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final LRUCache cache;
    private final Options options;
    private final WriteOptions writes;
    private final RocksDB db;

    SpillStore(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            this.directory = Files.createTempDirectory(parent, "otp-audit-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the scratch folder under " + parent + ": " + e.getMessage(), e);
        }
        this.cache = new LRUCache(64L * 1024 * 1024);
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache).setCacheIndexAndFilterBlocks(true)
                .setBlockSize(16 * 1024);
        this.options = new Options().setCreateIfMissing(true).setTableFormatConfig(table)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(32L * 1024 * 1024).setMaxWriteBufferNumber(2).setMaxOpenFiles(512)
                .setMaxBackgroundJobs(2);
        this.writes = new WriteOptions().setDisableWAL(true);
        try {
            this.db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            close();
            throw new IllegalStateException("cannot open the scratch store in " + directory + ": " + e.getMessage(), e);
        }
    }

    void put(String key, byte[] value) {
        try {
            db.put(writes, bytes(key), value);
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    byte[] get(String key) {
        try {
            return db.get(bytes(key));
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    void delete(String key) {
        try {
            db.delete(writes, bytes(key));
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    /** Every entry whose key starts with {@code prefix}, in key order (bytewise: contract-ID order for ASCII IDs). */
    void forEach(String prefix, BiConsumer<String, byte[]> each) {
        byte[] start = bytes(prefix);
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(start); it.isValid(); it.next()) {
                String key = new String(it.key(), StandardCharsets.UTF_8);
                if (!key.startsWith(prefix)) {
                    return;
                }
                each.accept(key.substring(prefix.length()), it.value());
            }
        }
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private IllegalStateException failure(RocksDBException e) {
        return new IllegalStateException("the scratch store in " + directory + " failed (disk full?): " + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
        }
        writes.close();
        options.close();
        cache.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left behind in the temp folder; nothing secret is in it (digests, wire records as in the log).
        }
    }
}
