package org.metlog.senders.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * metlog field values as OTLP attribute values: strings, booleans, integers (up to 64 bits) and floating-point
 * numbers as themselves, lists and arrays as array values, maps as key-value lists, byte arrays as bytes, and
 * anything else (a larger integer, a date, a user's object) as its {@code toString()}. Nesting deeper than
 * {@value #MAX_DEPTH} levels is cut, so a self-containing field cannot overflow the stack.
 */
final class Attributes {
    static final int MAX_DEPTH = 16;

    private Attributes() {
    }

    static KeyValue of(String key, Object value) {
        return KeyValue.newBuilder().setKey(key).setValue(value(value, 0)).build();
    }

    static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    static AnyValue value(Object value, int depth) {
        AnyValue.Builder b = AnyValue.newBuilder();
        if (value == null) {
            return b.build(); // an empty AnyValue is OTLP's null
        }
        if (depth >= MAX_DEPTH) {
            return b.setStringValue("(nested too deeply)").build();
        }
        if (value instanceof CharSequence text) {
            return b.setStringValue(text.toString()).build();
        }
        if (value instanceof Boolean flag) {
            return b.setBoolValue(flag).build();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return b.setIntValue(((Number) value).longValue()).build();
        }
        if (value instanceof Double || value instanceof Float) {
            return b.setDoubleValue(((Number) value).doubleValue()).build();
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return b.setStringValue(value.toString()).build(); // exact, where a double or a long would round
        }
        if (value instanceof byte[] bytes) {
            return b.setBytesValue(ByteString.copyFrom(bytes)).build();
        }
        if (value instanceof Collection<?> items) {
            ArrayValue.Builder array = ArrayValue.newBuilder();
            for (Object item : items) {
                array.addValues(value(item, depth + 1));
            }
            return b.setArrayValue(array).build();
        }
        if (value instanceof Object[] items) {
            ArrayValue.Builder array = ArrayValue.newBuilder();
            for (Object item : items) {
                array.addValues(value(item, depth + 1));
            }
            return b.setArrayValue(array).build();
        }
        if (value instanceof Map<?, ?> map) {
            KeyValueList.Builder list = KeyValueList.newBuilder();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                list.addValues(KeyValue.newBuilder().setKey(describe(e.getKey()))
                    .setValue(value(e.getValue(), depth + 1)));
            }
            return b.setKvlistValue(list).build();
        }
        return b.setStringValue(describe(value)).build();
    }

    /**
     * {@return the value's {@code toString()}, or, when that throws, its class and the error named as the library's
     * field budget names them} Only the errors no message can be blamed for (a {@code VirtualMachineError} but a
     * stack overflow) are rethrown: anything else would end the exporter's thread with the batch uncounted.
     */
    static String describe(Object value) {
        try {
            return String.valueOf(value);
        } catch (VirtualMachineError e) {
            if (!(e instanceof StackOverflowError)) {
                throw e;
            }
            return failed(value, e);
        } catch (Throwable e) {
            return failed(value, e);
        }
    }

    private static String failed(Object value, Throwable e) {
        return "<" + value.getClass().getName() + ".toString() failed: " + e.getClass().getName() + ">";
    }
}
