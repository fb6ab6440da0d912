package org.stepdpo.engine.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header of a safetensors file, checked against the format's rules before any tensor is made: a header
 * length that fits the file; a JSON object without repeated names; per tensor a known dtype, a shape of
 * non-negative integers and {@code data_offsets [begin, end]} spanning exactly shape × dtype bytes; and
 * tensors that, sorted by offset, tile the data section with neither overlaps nor holes nor trailing bytes.
 *
 * <p>Why all of it: without these checks a damaged file loads as silently wrong weights (one tensor reading
 * another's bytes) or reaches libtorch with a negative dimension and fails as a native crash. Each failure is
 * a {@link CheckpointException} whose one line names the file and the tensor or field.
 *
 * @param dataStart byte offset of the data section in the file (8 + header length); offsets count from it
 * @param tensors   entries in header order
 * @param metadata  {@code __metadata__}, empty when absent
 */
public record SafetensorsHeader(long dataStart, Map<String, Entry> tensors, Map<String, String> metadata) {

    /** The format's own ceiling on the header, which also keeps a garbage length from allocating gigabytes. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** One tensor: bytes [begin, end) of the data section hold {@code shape} in {@code dtype}, little-endian. */
    public record Entry(String name, TensorDtype dtype, long[] shape, long begin, long end) {
        public long numel() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }

        public long bytes() {
            return end - begin;
        }

        String offsets() {
            return "[" + begin + ", " + end + "]";
        }
    }

    /** Reads and checks the header of {@code file}. */
    public static SafetensorsHeader read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, ch);
        } catch (IOException e) {
            throw new CheckpointException(file + ": " + CheckpointException.describe(e), e);
        }
    }

    static SafetensorsHeader read(Path file, FileChannel ch) throws IOException {
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw bad(file, "the file is " + fileSize + " bytes, too short for the 8-byte header length"
                    + " (not a safetensors file?)");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lengthBytes, 0);
        long headerLength = lengthBytes.flip().getLong();
        if (headerLength < 2 || headerLength > fileSize - 8) {
            throw bad(file, "header length " + headerLength + " does not fit a file of " + fileSize
                    + " bytes (not a safetensors file, or truncated?)");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw bad(file, "header length " + headerLength + " exceeds the format's limit of " + MAX_HEADER_BYTES);
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(ch, headerBytes, 8);
        JsonNode root = parse(file, headerBytes.array());
        long dataStart = 8 + headerLength;
        long dataLength = fileSize - dataStart;
        Map<String, Entry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = Map.of();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA)) {
                metadata = metadata(file, field.getValue());
            } else {
                tensors.put(field.getKey(), entry(file, field.getKey(), field.getValue(), dataLength));
            }
        }
        checkTiling(file, tensors.values(), dataLength);
        return new SafetensorsHeader(dataStart, Collections.unmodifiableMap(tensors), metadata);
    }

    private static JsonNode parse(Path file, byte[] header) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(header, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw bad(file, "header " + CheckpointException.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "header is " + (root == null ? "empty" : "a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT))
                    + ", not an object of tensors");
        }
        return root;
    }

    private static Map<String, String> metadata(Path file, JsonNode node) {
        if (node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw bad(file, METADATA + " must map strings to strings, got " + node);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw bad(file, METADATA + " must map strings to strings; \"" + e.getKey() + "\" is " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return Collections.unmodifiableMap(out);
    }

    /** One tensor's fields, each checked on its own (the tiling of all of them is {@link #checkTiling}). */
    private static Entry entry(Path file, String name, JsonNode node, long dataLength) {
        String tensor = "tensor \"" + name + "\"";
        if (!node.isObject()) {
            throw bad(file, tensor + " is " + node + ", not an object with dtype, shape and data_offsets");
        }
        JsonNode code = node.get("dtype");
        if (code == null || !code.isTextual()) {
            throw bad(file, tensor + ": dtype must be a string, got " + code);
        }
        TensorDtype dtype = TensorDtype.byCode(code.asText()).orElseThrow(() -> bad(file, tensor + ": dtype "
                + code + " is not one this engine reads (F32, F16, BF16)"));
        long[] shape = naturals(node.get("shape"), -1);
        if (shape == null) {
            throw bad(file, tensor + ": shape must be a list of non-negative integers, got " + node.get("shape"));
        }
        long[] offsets = naturals(node.get("data_offsets"), 2);
        if (offsets == null) {
            throw bad(file, tensor + ": data_offsets must be two non-negative integers [begin, end], got "
                    + node.get("data_offsets"));
        }
        Entry entry = new Entry(name, dtype, shape, offsets[0], offsets[1]);
        if (entry.begin() > entry.end()) {
            throw bad(file, tensor + ": data_offsets " + entry.offsets() + " begin after they end");
        }
        long needed;
        try {
            needed = Math.multiplyExact(entry.numel(), dtype.bytesPerElement());
        } catch (ArithmeticException e) {
            throw bad(file, tensor + ": shape " + Arrays.toString(shape) + " has more bytes than any file holds");
        }
        if (entry.bytes() != needed) {
            throw bad(file, tensor + ": data_offsets " + entry.offsets() + " span " + entry.bytes() + " bytes, but shape "
                    + Arrays.toString(shape) + " of " + dtype.code() + " needs " + needed);
        }
        if (entry.end() > dataLength) {
            throw bad(file, tensor + ": data_offsets " + entry.offsets() + " run past the end of the data section ("
                    + dataLength + " bytes): the file is truncated or the header wrong");
        }
        return entry;
    }

    /** The values of a JSON list of non-negative integers of the given size (-1: any), or null if it is not one. */
    private static long[] naturals(JsonNode node, int size) {
        if (node == null || !node.isArray() || (size >= 0 && node.size() != size)) {
            return null;
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                return null;
            }
            out[i] = v.asLong();
        }
        return out;
    }

    /**
     * Sorted by offset, each tensor must start where the previous one ended and the last must end at the end
     * of the data section: the format's rule, which rules out both aliasing and bytes that belong to nobody.
     */
    private static void checkTiling(Path file, Iterable<Entry> entries, long dataLength) {
        List<Entry> sorted = new ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin() < covered) {
                throw bad(file, "tensor \"" + e.name() + "\": data_offsets " + e.offsets() + " overlap \""
                        + previous.name() + "\" " + previous.offsets());
            }
            if (e.begin() > covered) {
                throw bad(file, "tensor \"" + e.name() + "\": data_offsets " + e.offsets() + " leave bytes [" + covered
                        + ", " + e.begin() + ") of the data section to no tensor ("
                        + (previous == null ? "a hole at its start" : "a hole after \"" + previous.name() + "\"") + ")");
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataLength) {
            throw bad(file, (previous == null ? "no tensor" : "tensor \"" + previous.name() + "\"") + " ends the data at byte "
                    + covered + ", but the data section has " + dataLength + " bytes: " + (dataLength - covered)
                    + " bytes belong to no tensor");
        }
    }

    private static CheckpointException bad(Path file, String what) {
        return new CheckpointException(file + ": " + what);
    }

    static void readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        long p = position;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, p);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + p);
            }
            p += n;
        }
    }
}
