package dev.salespipeline.analytics.app;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process, instead of RocksDB's defaults per store instance
 * (a block cache of its own and up to three 16 MiB memtables each): the application has about 35 stores, each in
 * one instance per partition, so the defaults add up to gigabytes off the heap as the history grows.
 *
 * <p>All stores share one LRU block cache of {@value #TOTAL_OFF_HEAP_MIB} MiB, and a write-buffer manager charges
 * every memtable to that same cache, with at most {@value #TOTAL_MEMTABLE_MIB} MiB of it for memtables: when they
 * reach it, the largest is flushed. Index and filter blocks live in the cache too (with high priority, the top
 * level pinned), so they are counted rather than growing with the number of files. The figures leave the
 * process, with its 384 MiB heap, inside the 700 MiB that streams-analytics may use (issue 17).
 *
 * <p>The cache and the manager are shared by every store instance, so {@link #close} leaves them open; they live
 * as long as the process.
 */
public class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {

    /** Block cache shared by every store, memtables included. */
    static final long TOTAL_OFF_HEAP_MIB = 160;

    /** Of which memtables may take this much: enough for a replay's writes between flushes. */
    static final long TOTAL_MEMTABLE_MIB = 48;

    /** The part of the cache kept for index and filter blocks, which every read needs. */
    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;

    /** Memtable size of one store instance: small, since most stores take few writes. */
    private static final long MEMTABLE_BYTES = 4L * 1024 * 1024;

    private static final int MEMTABLES_PER_STORE = 2;

    private static final long MIB = 1024L * 1024;

    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_MIB * MIB, -1, false, INDEX_FILTER_BLOCK_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLE_MIB * MIB, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store instance: not closed with one of them.
    }
}
