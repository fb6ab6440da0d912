package org.stepdpo.engine.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.device.NativeTorch;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code name -> {dtype, shape, data_offsets: [begin, end]}} plus an optional {@code __metadata__}),
 * then the raw little-endian tensor bytes, offsets counted from the end of the header. Reading checks the
 * header first ({@link SafetensorsHeader}), so no tensor is made from a header that lies about its bytes.
 */
public final class SafetensorsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsFile() {
    }

    /** Reads and checks the header only (see {@link SafetensorsHeader}). */
    public static Map<String, SafetensorsHeader.Entry> readHeader(Path file) {
        return SafetensorsHeader.read(file).tensors();
    }

    /** Reads every tensor onto the CPU in its stored dtype, in header order. */
    public static Map<String, Tensor> read(Path file) {
        NativeTorch.ensureLoaded();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsHeader header = SafetensorsHeader.read(file, ch);
            for (SafetensorsHeader.Entry e : header.tensors().values()) {
                Tensor t = torch.empty(e.shape(), new TensorOptions(e.dtype().scalarType()),
                        new org.bytedeco.pytorch.MemoryFormatOptional());
                if (e.bytes() > 0) {
                    MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, header.dataStart() + e.begin(), e.bytes());
                    copyInto(t, mapped, e.bytes());
                }
                tensors.put(e.name(), t);
            }
        } catch (IOException e) {
            tensors.values().forEach(Tensor::close);
            throw new CheckpointException(file + ": " + CheckpointException.describe(e), e);
        }
        String nonFinite = NonFiniteValues.describe(tensors);
        if (nonFinite != null) {
            tensors.values().forEach(Tensor::close);
            throw new CheckpointException(file + ": " + nonFinite + "; such weights compute NaN, so they are not loaded");
        }
        return tensors;
    }

    private static void copyInto(Tensor target, ByteBuffer source, long bytes) {
        long done = 0;
        BytePointer base = new BytePointer(target.data_ptr());
        while (done < bytes) {
            int chunk = (int) Math.min(bytes - done, 1 << 30);
            ByteBuffer dst = new BytePointer(base).position(done).limit(done + chunk).asByteBuffer();
            ByteBuffer src = source.duplicate();
            src.position((int) done).limit((int) (done + chunk));
            dst.put(src);
            done += chunk;
        }
    }

    /**
     * Writes tensors in the given order; each is copied to the CPU and made contiguous, so any tensor
     * (CUDA, strided) may be passed. {@code __metadata__} carries {@code format: pt}, which transformers expects.
     * Tensors holding NaN or ±Inf are refused before the file is touched: a checkpoint is never written with them.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        NativeTorch.ensureLoaded();
        requireFinite(file, tensors);
        writeChecked(file, tensors, metadata);
    }

    /** Fails naming {@code target} and the first tensor holding NaN or ±Inf. */
    static void requireFinite(Path target, Map<String, Tensor> tensors) {
        String nonFinite = NonFiniteValues.describe(tensors);
        if (nonFinite != null) {
            throw new CheckpointException(target + ": not saved: " + nonFinite);
        }
    }

    /** {@link #write} for tensors already known to be finite. */
    static void writeChecked(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        meta.put("format", "pt");
        metadata.forEach(meta::put);
        long offset = 0;
        Map<String, Tensor> cpu = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue().detach().cpu().contiguous();
            TensorDtype dtype = TensorDtype.of(t.scalar_type());
            long bytes = t.numel() * dtype.bytesPerElement();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", dtype.code());
            long[] shape = t.sizes().vec().get();
            var shapeNode = entry.putArray("shape");
            Arrays.stream(shape).forEach(shapeNode::add);
            var offsets = entry.putArray("data_offsets");
            offsets.add(offset);
            offsets.add(offset + bytes);
            offset += bytes;
            cpu.put(e.getKey(), t);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, head);
            for (Tensor t : cpu.values()) {
                long bytes = t.nbytes();
                long done = 0;
                BytePointer base = new BytePointer(t.data_ptr());
                while (done < bytes) {
                    int chunk = (int) Math.min(bytes - done, 1 << 30);
                    writeFully(ch, new BytePointer(base).position(done).limit(done + chunk).asByteBuffer());
                    done += chunk;
                }
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot write safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }
}
