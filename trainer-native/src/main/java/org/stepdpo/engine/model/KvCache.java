package org.stepdpo.engine.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Keys and values of every layer for a batch, preallocated to the longest sequence the generation can
 * reach; each step writes its slice in place (no concatenation, no reallocation).
 */
public final class KvCache implements AutoCloseable {

    private final Tensor[] keys;
    private final Tensor[] values;
    private final int batch;
    private final int capacity;
    private final DecodeBuffers decode;

    KvCache(ModelConfig config, int batch, int capacity, TensorOptions options) {
        this.batch = batch;
        this.capacity = capacity;
        this.keys = new Tensor[config.numLayers()];
        this.values = new Tensor[config.numLayers()];
        long[] shape = {batch, config.numKvHeads(), capacity, config.headDim()}; // [B, nkv, capacity, hd]
        for (int i = 0; i < keys.length; i++) {
            keys[i] = torch.zeros(shape, options);
            values[i] = torch.zeros(shape, options);
        }
        TensorOptions longs = new TensorOptions(torch.ScalarType.Long)
                .device(new org.bytedeco.pytorch.DeviceOptional(keys[0].device()));
        this.decode = new DecodeBuffers(config, batch, options, longs);
    }

    public int batch() {
        return batch;
    }

    public int capacity() {
        return capacity;
    }

    /** Writes k, v [B, nkv, T, hd] at slots start..start+T and returns views of slots 0..start+T. */
    Tensor[] append(int layer, long start, Tensor k, Tensor v) {
        long t = k.size(2);
        if (start + t > capacity) {
            throw new IllegalStateException("KV cache of " + capacity + " slots cannot hold position " + (start + t));
        }
        keys[layer].narrow(2, start, t).copy_(k);
        values[layer].narrow(2, start, t).copy_(v);
        return new Tensor[] {keys[layer].narrow(2, 0, start + t), values[layer].narrow(2, 0, start + t)}; // [B, nkv, S, hd]
    }

    /** The workspace of one-token decoding steps over this cache. */
    DecodeBuffers decodeBuffers() {
        return decode;
    }

    /**
     * Writes k, v [B, nkv, 1, hd] at the slot held by {@code slot} ([1] int64, equal to slots - 1) without
     * making a view of it, and returns views of slots 0..slots-1.
     */
    Tensor[] appendOne(int layer, Tensor slot, long slots, Tensor k, Tensor v) {
        if (slots > capacity) {
            throw new IllegalStateException("KV cache of " + capacity + " slots cannot hold position " + slots);
        }
        keys[layer].index_copy_(2, slot, k);
        values[layer].index_copy_(2, slot, v);
        return new Tensor[] {keys[layer].narrow(2, 0, slots), values[layer].narrow(2, 0, slots)}; // [B, nkv, S, hd]
    }

    @Override
    public void close() {
        decode.close();
        for (int i = 0; i < keys.length; i++) {
            keys[i].close();
            values[i].close();
        }
    }
}
