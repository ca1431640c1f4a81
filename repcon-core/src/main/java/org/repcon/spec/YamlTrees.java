package org.repcon.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep copies of YAML trees into mutable maps and lists, rejecting non-string keys and unsupported leaves. */
final class YamlTrees {
    private YamlTrees() {}

    /** Deep copy into mutable LinkedHashMap/ArrayList, checking that keys are strings and leaves are plain scalars. */
    static Object copy(Object v, String path) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer
                || v instanceof Long || v instanceof Double || v instanceof BigInteger) {
            return v;
        }
        if (v instanceof Float || v instanceof Short || v instanceof Byte) {
            return v instanceof Float f ? (Object) f.doubleValue() : (Object) ((Number) v).intValue();
        }
        if (v instanceof Enum<?> e) return Scalars.enumName(e);
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new SpecException(path, "mapping keys must be strings, got " + Scalars.describe(e.getKey()));
                }
                out.put(key, copy(e.getValue(), SpecPaths.join(path, key)));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(copy(l.get(i), SpecPaths.index(path, i)));
            }
            return out;
        }
        throw new SpecException(path, "unsupported value of type " + v.getClass().getSimpleName());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copyMap(Map<String, ?> m, String path) {
        return (Map<String, Object>) copy(m, path);
    }
}
