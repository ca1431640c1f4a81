package org.repcon.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainable arrays of a model, by name, in insertion order. They live in their own long-lived
 * {@link NDManager}; everything computed from them during a step belongs to the step (see the trainer), so
 * user code never closes arrays by hand.
 *
 * <p>The flat view ({@link #copyTo}, {@link #copyFrom}, {@link #gradientTo}) concatenates all arrays in
 * insertion order, row-major; it is what L-BFGS works on.
 *
 * <p>Buffers ({@link #addBuffer}) are non-trainable named arrays of the model's state, such as batch-norm
 * running statistics. They are not in {@link #asMap()}, {@link #names()}, {@link #count()} nor the flat view,
 * so optimizers never touch them, but {@link #write}/{@link #read} include them so a checkpoint restores them.
 * Layers update buffers in place.
 */
public final class Parameters implements AutoCloseable {
    private final NDManager manager;
    private final DataType dataType;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();

    /**
     * First string of the format with buffers. The format without buffers starts with the data type's name
     * (and is still written when there are no buffers, so such files are unchanged).
     */
    private static final String WITH_BUFFERS = "repcon-parameters-v2";

    /**
     * @param parent manager under which the parameters' own manager is created
     * @param dataType {@link DataType#FLOAT32} or {@link DataType#FLOAT64}
     */
    public Parameters(NDManager parent, DataType dataType) {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("parameters must be float32 or float64, got " + dataType);
        }
        this.manager = parent.newSubManager();
        this.dataType = dataType;
    }

    /** Adds a trainable array with the given row-major values. */
    public NDArray add(String name, Shape shape, double[] values) {
        NDArray array = newArray(name, shape, values);
        array.setRequiresGradient(true);
        arrays.put(name, array);
        return array;
    }

    /**
     * Adds a non-trainable array (a buffer, e.g. a running mean) with the given row-major values. It has no
     * gradient, is not seen by optimizers, and is saved and restored by {@link #write}/{@link #read}.
     */
    public NDArray addBuffer(String name, Shape shape, double[] values) {
        NDArray array = newArray(name, shape, values);
        buffers.put(name, array);
        return array;
    }

    private NDArray newArray(String name, Shape shape, double[] values) {
        if (arrays.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter name: " + name);
        }
        if (shape.size() != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for shape " + shape);
        }
        NDArray array = create(values, shape);
        NDScope.unregister(array);
        array.setName(name);
        return array;
    }

    private NDArray create(double[] values, Shape shape) {
        if (dataType == DataType.FLOAT64) {
            return manager.create(values, shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f, shape);
    }

    /** The array called {@code name}. */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter called " + name + "; have " + arrays.keySet());
        }
        return a;
    }

    /** The buffer called {@code name}. */
    public NDArray buffer(String name) {
        NDArray a = buffers.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no buffer called " + name + "; have " + buffers.keySet());
        }
        return a;
    }

    /** The non-trainable buffers in insertion order (read-only view; the arrays themselves are mutable). */
    public Map<String, NDArray> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** Names of the trainable arrays in insertion order. */
    public List<String> names() {
        return new ArrayList<>(arrays.keySet());
    }

    /** The trainable arrays in insertion order (read-only view; buffers are not included). */
    public Map<String, NDArray> asMap() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Total number of trainable scalars (buffers are not counted). */
    public int count() {
        long n = 0;
        for (NDArray a : arrays.values()) {
            n += a.size();
        }
        return Math.toIntExact(n);
    }

    public DataType dataType() {
        return dataType;
    }

    /** The manager that owns the parameters (and optimizer state that must outlive a step). */
    public NDManager manager() {
        return manager;
    }

    /** Sets every gradient to zero (PyTorch accumulates gradients across backward passes). */
    public void zeroGradients() {
        for (NDArray a : arrays.values()) {
            JniUtils.zeroGrad((PtNDArray) a);
        }
    }

    /** Writes all values into {@code flat} (length {@link #count()}). */
    public void copyTo(double[] flat) {
        int offset = 0;
        for (NDArray a : arrays.values()) {
            offset = readInto(a, flat, offset);
        }
    }

    /** Writes all gradients into {@code flat}; call after a backward pass. */
    public void gradientTo(double[] flat) {
        try (NDScope scope = new NDScope()) {
            int offset = 0;
            for (NDArray a : arrays.values()) {
                offset = readInto(a.getGradient(), flat, offset);
            }
        }
    }

    private static int readInto(NDArray a, double[] flat, int offset) {
        if (a.getDataType() == DataType.FLOAT64) {
            double[] d = a.toDoubleArray();
            System.arraycopy(d, 0, flat, offset, d.length);
            return offset + d.length;
        }
        float[] f = a.toFloatArray();
        for (int i = 0; i < f.length; i++) {
            flat[offset + i] = f[i];
        }
        return offset + f.length;
    }

    /** Sets all values from {@code flat} (in place: the arrays keep their identity and gradients). */
    public void copyFrom(double[] flat) {
        if (flat.length != count()) {
            throw new IllegalArgumentException("expected " + count() + " values, got " + flat.length);
        }
        int offset = 0;
        for (NDArray a : arrays.values()) {
            int n = Math.toIntExact(a.size());
            if (dataType == DataType.FLOAT64) {
                double[] d = new double[n];
                System.arraycopy(flat, offset, d, 0, n);
                a.set(d);
            } else {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) flat[offset + i];
                }
                a.set(f);
            }
            offset += n;
        }
    }

    /** True if every value is finite, buffers included. */
    public boolean allFinite() {
        double[] flat = new double[count()];
        copyTo(flat);
        for (NDArray b : buffers.values()) {
            double[] values = new double[Math.toIntExact(b.size())];
            readInto(b, values, 0);
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        for (double v : flat) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes names, shapes and values (exactly, in the parameters' data type). Without buffers the format is
     * {@code UTF dataType, int n, n x (UTF name, array)}; with buffers it is
     * {@code UTF "repcon-parameters-v2", UTF dataType, int n, n x (UTF name, array), int m, m x (UTF name, array)}.
     */
    public void write(DataOutput out) throws IOException {
        if (!buffers.isEmpty()) {
            out.writeUTF(WITH_BUFFERS);
        }
        out.writeUTF(dataType.name());
        writeSection(out, arrays);
        if (!buffers.isEmpty()) {
            writeSection(out, buffers);
        }
    }

    private static void writeSection(DataOutput out, Map<String, NDArray> section) throws IOException {
        out.writeInt(section.size());
        for (Map.Entry<String, NDArray> e : section.entrySet()) {
            out.writeUTF(e.getKey());
            writeArray(out, e.getValue());
        }
    }

    /**
     * Reads values written by {@link #write} into these parameters (and buffers); names and shapes must match.
     * Everything is read and checked before any array is changed, so on failure the parameters are left as they
     * were. Files written without buffers (also those from before buffers existed) read into a model without
     * buffers.
     */
    public void read(DataInput in) throws IOException {
        String type = in.readUTF();
        boolean withBuffers = type.equals(WITH_BUFFERS);
        if (withBuffers) {
            type = in.readUTF();
        }
        if (!type.equals(dataType.name())) {
            throw new IOException("parameter data type " + type + " does not match the model's " + dataType.name());
        }
        List<Object> values = readSection(in, arrays, "parameter");
        List<Object> bufferValues = withBuffers ? readSection(in, buffers, "buffer") : List.of();
        if (!withBuffers && !buffers.isEmpty()) {
            throw new IOException("saved model has no buffers, this model has " + buffers.size() + " " + buffers.keySet());
        }
        apply(arrays, values);
        apply(buffers, bufferValues);
    }

    private static List<Object> readSection(DataInput in, Map<String, NDArray> section, String kind) throws IOException {
        int n = in.readInt();
        if (n != section.size()) {
            throw new IOException("saved model has " + n + " " + kind + " arrays, this model has " + section.size());
        }
        List<Object> values = new ArrayList<>(n);
        for (Map.Entry<String, NDArray> e : section.entrySet()) {
            String name = in.readUTF();
            if (!name.equals(e.getKey())) {
                throw new IOException("saved " + kind + " " + name + " where " + e.getKey() + " was expected");
            }
            values.add(readValues(in, e.getValue()));
        }
        return values;
    }

    private static void apply(Map<String, NDArray> section, List<Object> values) {
        int i = 0;
        for (NDArray a : section.values()) {
            setValues(a, values.get(i++));
        }
    }

    /** Writes shape and raw values of one array (used for parameters and optimizer state alike). */
    public static void writeArray(DataOutput out, NDArray a) throws IOException {
        long[] shape = a.getShape().getShape();
        out.writeInt(shape.length);
        for (long s : shape) {
            out.writeLong(s);
        }
        if (a.getDataType() == DataType.FLOAT64) {
            for (double v : a.toDoubleArray()) {
                out.writeDouble(v);
            }
        } else {
            for (float v : a.toFloatArray()) {
                out.writeFloat(v);
            }
        }
    }

    /** Reads values written by {@link #writeArray} into {@code target} in place; the shape must match. */
    public static void readArray(DataInput in, NDArray target) throws IOException {
        setValues(target, readValues(in, target));
    }

    /** Reads one array written by {@link #writeArray} for {@code target} (checked, not yet applied). */
    private static Object readValues(DataInput in, NDArray target) throws IOException {
        int rank = in.readInt();
        if (rank < 0 || rank > 8) {
            throw new IOException("corrupt array header (rank " + rank + ")");
        }
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readLong();
        }
        if (!new Shape(shape).equals(target.getShape())) {
            throw new IOException("saved shape " + new Shape(shape) + " does not match " + target.getShape()
                    + (target.getName() != null ? " of " + target.getName() : ""));
        }
        int n = Math.toIntExact(target.size());
        if (target.getDataType() == DataType.FLOAT64) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = in.readDouble();
            }
            return d;
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = in.readFloat();
        }
        return f;
    }

    private static void setValues(NDArray target, Object values) {
        if (values instanceof double[] d) {
            target.set(d);
        } else {
            target.set((float[]) values);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
