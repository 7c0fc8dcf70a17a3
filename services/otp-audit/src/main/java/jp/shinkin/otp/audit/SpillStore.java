package jp.shinkin.otp.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
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
 * write-ahead log (a crashed run starts again). What it holds is what the log holds (password
 * hashes, sealed seeds, wrapped data keys): each value is encrypted under a key that lives only in
 * this process's heap (AES-256-GCM), so a folder left behind by a killed run is unreadable; the
 * folder is owner-only and deleted when closed or when the JVM exits.
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
    private final SecretKey sealing;
    private final Cipher cipher;
    private long sealed;
    private final Thread cleanup;

    SpillStore(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            this.directory = Files.createTempDirectory(parent, "otp-audit-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the scratch folder under " + parent + ": " + e.getMessage(), e);
        }
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, new SecureRandom());
            this.sealing = generator.generateKey();
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
        // Ctrl-C or a kill: the folder goes with the process (the key went with its heap anyway).
        this.cleanup = new Thread(() -> deleteFolder(), "otp-audit-scratch-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
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
            db.put(writes, bytes(key), seal(value));
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    byte[] get(String key) {
        try {
            return open(db.get(bytes(key)));
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
                each.accept(key.substring(prefix.length()), open(it.value()));
            }
            it.status();
        } catch (RocksDBException e) {
            throw failure(e);
        }
    }

    /** A fresh 96-bit nonce per value (a counter: never repeats under one key). */
    private byte[] seal(byte[] value) {
        try {
            byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(++sealed).array();
            cipher.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(128, nonce));
            byte[] out = new byte[12 + cipher.getOutputSize(value.length)];
            System.arraycopy(nonce, 0, out, 0, 12);
            cipher.doFinal(value, 0, value.length, out, 12);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a scratch value failed: " + e.getMessage(), e);
        }
    }

    private byte[] open(byte[] stored) {
        if (stored == null) {
            return null;
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, sealing, new GCMParameterSpec(128, stored, 0, 12));
            return cipher.doFinal(stored, 12, stored.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a scratch value does not open (the store was altered?): " + e.getMessage(), e);
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
        deleteFolder();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is exiting: the hook runs (or ran) anyway.
        }
    }

    private void deleteFolder() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left behind in the temp folder: its values are sealed under a key that died with the process.
        }
    }
}
